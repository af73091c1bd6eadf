<#import "template.ftl" as layout>
<#--
  Keycloak's info page, with one change: where no application is involved (the clients account, account-console
  and _system, e.g. after an administrator's "update your account" mail), Keycloak shows no link or one to its
  account console, which stays blank under the realm's CSP; Einlass links to its "Sign-in and security" page.
-->
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        <#if messageHeader??>
            ${kcSanitize(msg("${messageHeader}"))?no_esc}
        <#else>
            ${message.summary}
        </#if>
    <#elseif section = "form">
    <div id="kc-info-message">
        <p class="instruction">${message.summary}<#if requiredActions??><#list requiredActions>: <b><#items as reqActionItem>${kcSanitize(msg("requiredAction.${reqActionItem}"))?no_esc}<#sep>, </#items></b></#list><#else></#if></p>
        <#assign einlassConsole = client?? && (client.clientId == "account" || client.clientId == "account-console" || client.clientId == "_system")>
        <#if einlassConsole && !(pageRedirectUri?has_content) && !(actionUri?has_content)>
            <p><a id="einlass-security-page" class="${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}"
                  href="${url.loginRestartFlowUrl?keep_before("/login-actions/")}/einlass/account">${msg("einlass.theme.security-page")}</a></p>
        <#elseif skipLink??>
        <#else>
            <#if pageRedirectUri?has_content>
                <p><a href="${pageRedirectUri}">${msg("backToApplication")}</a></p>
            <#elseif actionUri?has_content>
                <p><a href="${actionUri}">${msg("proceedWithAction")}</a></p>
            <#elseif (client.baseUrl)?has_content>
                <p><a href="${client.baseUrl}">${msg("backToApplication")}</a></p>
            </#if>
        </#if>
    </div>
    </#if>
</@layout.registrationLayout>
