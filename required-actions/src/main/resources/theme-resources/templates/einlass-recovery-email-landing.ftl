<#import "template.ftl" as layout>
<@layout.registrationLayout; section>
<!-- template: einlass-recovery-email-landing.ftl -->
    <#if section = "header">
        ${msg("einlass.recovery-email.landing.title." + einlassState)}
    <#elseif section = "form">
        <div id="einlass-recovery-landing" class="einlass-landing" data-einlass-state="${einlassState}">
        <#if einlassState = "confirm">
            <p class="einlass-lead" id="einlass-recovery-question">${msg("einlass.recovery-email.landing.confirm", einlassAddress, einlassAccount)}</p>
            <form id="einlass-recovery-confirm-form" class="${properties.kcFormClass!}" action="${einlassAction}" method="post">
                <input type="hidden" name="t" value="${einlassToken}"/>
                <input type="hidden" name="${einlassPageTokenField}" value="${einlassPageToken}"/>
                <div class="${properties.kcFormGroupClass!}">
                    <div class="${properties.kcFormActionGroupClass!}">
                        <button class="${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}" id="einlass-recovery-confirm" name="decision" value="confirm" type="submit">${msg("einlass.recovery-email.landing.button")}</button>
                    </div>
                </div>
            </form>
            <p class="einlass-hint">${msg("einlass.recovery-email.landing.not-you")}</p>
        <#elseif einlassState = "confirmed">
            <p class="einlass-lead" id="einlass-landing-text">${msg("einlass.recovery-email.landing.text.confirmed", einlassAddress)}</p>
            <p><a id="einlass-security-page" class="${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}" href="${einlassRestartUrl}">${msg("einlass.account.open")}</a></p>
        <#else>
            <p class="einlass-lead" id="einlass-landing-text">${msg("einlass.recovery-email.landing.text." + einlassState)}</p>
            <p><a id="einlass-recovery-again" class="${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}" href="${einlassRestartUrl}">${msg("einlass.recovery-email.landing.again")}</a></p>
        </#if>
        </div>
    </#if>
</@layout.registrationLayout>
