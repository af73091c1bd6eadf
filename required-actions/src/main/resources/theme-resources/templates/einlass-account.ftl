<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=true; section>
<!-- template: einlass-account.ftl -->
    <#if section = "header">
        ${msg("einlass.account.title")}
    <#elseif section = "form">
        <link rel="stylesheet" href="${url.resourcesPath}/css/einlass-account.css">
        <#if einlassStep = "signed-out">
            <div id="einlass-account" class="einlass-account" data-einlass-step="signed-out">
                <p class="einlass-lead" id="einlass-account-signed-out">${msg("einlass.account.signed-out")}</p>
                <a class="${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}" id="einlass-account-sign-in" href="${einlassSignInUrl}">${msg("einlass.account.sign-in-again")}</a>
            </div>
        <#else>
        <div id="einlass-account" class="einlass-account" data-einlass-step="page">
            <p class="einlass-lead" id="einlass-account-intro">${msg("einlass.account.intro", einlassAccountEmail)}</p>
            <#list einlassSections as s>
                <section class="einlass-account-section" id="${s.id}" aria-labelledby="${s.id}-title">
                    <h2 class="einlass-account-section-title" id="${s.id}-title">${s.title}</h2>
                    <#list s.lines as line>
                        <p class="einlass-account-line">${line}</p>
                    </#list>
                    <#if s.rows?has_content>
                        <ul class="einlass-account-rows">
                        <#list s.rows as r>
                            <li class="einlass-account-row<#if r.badge?has_content> einlass-account-row-current</#if>">
                                <div class="einlass-account-row-text">
                                    <span class="einlass-account-row-title">${r.title}</span>
                                    <#if r.badge?has_content><span class="einlass-account-badge">${r.badge}</span></#if>
                                    <#list r.details as d><span class="einlass-account-row-detail">${d}</span></#list>
                                </div>
                                <#list r.buttons as b><@button b/></#list>
                            </li>
                        </#list>
                        </ul>
                    </#if>
                    <#if s.buttons?has_content>
                        <div class="einlass-account-actions"><#list s.buttons as b><@button b/></#list></div>
                    </#if>
                </section>
            </#list>
        </div>
        </#if>
    </#if>
</@layout.registrationLayout>

<#macro button b>
    <form class="einlass-account-form" action="${einlassAction}" method="post">
        <input type="hidden" name="${einlassTokenField}" value="${einlassToken}">
        <button type="submit" name="${einlassButtonField}" value="${b.value}"
                class="<#if b.style = 'primary'>${properties.kcButtonPrimaryClass!}<#else>${properties.kcButtonSecondaryClass!}</#if> einlass-account-button einlass-account-button-${b.style}">${b.label}</button>
    </form>
</#macro>
