<#import "template.ftl" as layout>
<@layout.registrationLayout displayInfo=false; section>
<!-- template: select-authenticator.ftl (einlass: buttons instead of scripted list items) -->
    <#if section = "header" || section = "show-username">
        <#if section = "header">
            ${msg("loginChooseAuthenticator")}
        </#if>
    <#elseif section = "form">
    <form id="kc-select-credential-form" class="${properties.kcFormClass!} einlass-choices" action="${url.loginAction}" method="post">
        <ul class="einlass-choice-list" role="list">
        <#list auth.authenticationSelections as authenticationSelection>
            <li>
                <button type="submit" name="authenticationExecution" value="${authenticationSelection.authExecId}" class="einlass-choice"
                        id="einlass-choice-${authenticationSelection?index}">
                    <span class="einlass-choice-title">${msg('${authenticationSelection.displayName}')}</span>
                    <span class="einlass-choice-help">${msg('${authenticationSelection.helpText}')}</span>
                </button>
            </li>
        </#list>
        </ul>
    </form>
    </#if>
</@layout.registrationLayout>
