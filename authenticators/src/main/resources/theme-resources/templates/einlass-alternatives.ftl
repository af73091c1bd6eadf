<#-- The other ways to sign in at this point (the step's ALTERNATIVE siblings), as buttons. -->
<#macro show>
    <#if einlassAlternatives?? && einlassAlternatives?has_content>
        <div class="einlass-alternatives">
            <p class="einlass-divider"><span>${msg("einlass.alternatives.or")}</span></p>
            <form id="einlass-alternatives-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <#list einlassAlternatives as executionId, authenticator>
                <#assign altKey = "einlass.alternatives." + authenticator>
                <button type="submit" name="einlass-switch" value="${executionId}" id="einlass-switch-${authenticator}"
                        class="${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}">
                    <#if msg(altKey) != altKey>${msg(altKey)}<#else>${msg(authenticator + "-display-name")}</#if>
                </button>
            </#list>
            </form>
        </div>
    </#if>
</#macro>
