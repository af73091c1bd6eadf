<#import "template.ftl" as layout>
<#import "einlass-alternatives.ftl" as alternatives>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('code'); section>
<!-- template: einlass-recovery-code.ftl -->
    <#if section = "header">
        ${msg(einlassTitleKey)}
    <#elseif section = "form">
        <div id="einlass-recovery-code" class="einlass-wait" data-einlass-step="${einlassStep}">
        <#if einlassStep = "support">
            <p class="einlass-lead" id="einlass-recovery-support">${msg("einlass.recovery-code.support")}</p>
            <p class="einlass-hint">${msg("einlass.recovery-code.support-hint")}</p>
            <p class="einlass-back"><a id="einlass-recovery-restart" href="${url.loginRestartFlowUrl}">${msg("einlass.recovery-code.restart")}</a></p>
        <#elseif einlassStep = "choose">
            <p class="einlass-lead" id="einlass-recovery-choose">${msg("einlass.recovery-code.second.intro")}</p>
            <form id="einlass-channel-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
                <div class="${properties.kcFormGroupClass!}">
                    <div class="${properties.kcFormActionGroupClass!}">
                    <#list einlassChannels as c>
                        <button class="${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}" id="einlass-channel-${c.value}"
                                name="channel" value="${c.value}" type="submit">${msg(c.labelKey, c.target)}</button>
                    </#list>
                    </div>
                </div>
            </form>
        <#else>
            <p class="einlass-lead" id="einlass-recovery-sent">${msg(einlassSentKey, einlassSentTo, einlassValidMinutes)}</p>
            <form id="einlass-recovery-code-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate>
                <div class="${properties.kcFormGroupClass!}">
                    <div class="${properties.kcFormGroupLabelClass!}">
                        <label for="code" class="${properties.kcFormLabelClass!}"><span class="${properties.kcFormLabelTextClass!}">${msg("einlass.recovery-code.code-label")}</span></label>
                    </div>
                    <span class="${properties.kcInputClass!} <#if messagesPerField.existsError('code')>${properties.kcError!}</#if>">
                        <input id="code" name="code" type="text" inputmode="numeric" pattern="[0-9 ]*" maxlength="12" autocomplete="one-time-code" autofocus
                               aria-invalid="<#if messagesPerField.existsError('code')>true<#else>false</#if>"
                               <#if messagesPerField.existsError('code')>aria-describedby="input-error-code"</#if>/>
                    </span>
                    <#if messagesPerField.existsError('code')>
                        <div class="${properties.kcFormHelperTextClass!}" aria-live="polite">
                            <div class="${properties.kcInputHelperTextClass!}">
                                <div class="${properties.kcInputHelperTextItemClass!} ${properties.kcError!}" id="input-error-code">
                                    <span class="${properties.kcInputErrorMessageClass!}">${kcSanitize(messagesPerField.get('code'))?no_esc}</span>
                                </div>
                            </div>
                        </div>
                    </#if>
                </div>
                <div class="${properties.kcFormGroupClass!}">
                    <div class="${properties.kcFormActionGroupClass!}">
                        <button class="${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}" id="einlass-recovery-verify" name="verify" value="true" type="submit">${msg("einlass.recovery-code.submit")}</button>
                    </div>
                </div>
            </form>
            <form id="einlass-recovery-other-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
                <div class="${properties.kcFormGroupClass!}">
                    <div class="${properties.kcFormActionGroupClass!}">
                        <#if einlassResendLeft>
                        <button class="${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}" id="einlass-recovery-resend" name="resend" value="true" type="submit"
                                data-einlass-countdown-seconds="${einlassResendIn?c}" data-einlass-countdown-label="einlass-recovery-countdown"
                                <#if (einlassResendIn > 0)>disabled aria-disabled="true"</#if>>
                            ${msg("einlass.recovery-code.resend")}
                            <span id="einlass-recovery-countdown" class="einlass-countdown"<#if !(einlassResendIn > 0)> hidden</#if>>${msg("einlass.recovery-code.resend-in", einlassResendIn?c)}</span>
                        </button>
                        </#if>
                        <#if einlassStep = "code" && !(einlassAlternatives?? && einlassAlternatives?has_content)>
                        <button class="${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}" id="einlass-recovery-change" name="change" value="true" type="submit">${msg("einlass.recovery-code.change")}</button>
                        </#if>
                    </div>
                </div>
            </form>
            <p class="einlass-hint">${msg("einlass.recovery-code.hint")}</p>
            <@alternatives.show/>
            <script src="${url.resourcesPath}/js/einlass-countdown.js" defer></script>
        </#if>
        </div>
    </#if>
</@layout.registrationLayout>
