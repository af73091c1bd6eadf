<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('phone','code'); section>
<!-- template: einlass-recovery-phone.ftl -->
    <#if section = "header">
        <#if einlassStep = "code">${msg("einlass.recovery-phone.code.title")}<#else>${msg("einlass.recovery-phone.title")}</#if>
    <#elseif section = "form">
        <div id="einlass-recovery-phone" class="einlass-recovery" data-einlass-step="${einlassStep}">
        <#if einlassStep = "code">
            <p class="einlass-lead" id="einlass-phone-sent">${msg("einlass.recovery-phone.code.intro", einlassSentTo, einlassValidMinutes)}</p>
            <form id="einlass-phone-code-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate>
                <div class="${properties.kcFormGroupClass!}">
                    <div class="${properties.kcFormGroupLabelClass!}">
                        <label for="code" class="${properties.kcFormLabelClass!}"><span class="${properties.kcFormLabelTextClass!}">${msg("einlass.recovery-phone.code.label")}</span></label>
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
                        <button class="${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}" id="einlass-phone-verify" name="verify" value="true" type="submit">${msg("einlass.recovery-phone.code.submit")}</button>
                    </div>
                </div>
            </form>
            <form id="einlass-phone-other-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
                <div class="${properties.kcFormGroupClass!}">
                    <div class="${properties.kcFormActionGroupClass!}">
                        <#if einlassResendLeft>
                            <button class="${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}" id="einlass-phone-resend" name="resend" value="true" type="submit"
                                    data-einlass-countdown-seconds="${einlassResendIn?c}" data-einlass-countdown-label="einlass-phone-countdown"
                                    <#if (einlassResendIn > 0)>disabled aria-disabled="true"</#if>>
                                ${msg("einlass.recovery-phone.resend")}
                                <span id="einlass-phone-countdown" class="einlass-countdown"<#if !(einlassResendIn > 0)> hidden</#if>>${msg("einlass.recovery-phone.resend-in", einlassResendIn?c)}</span>
                            </button>
                        </#if>
                        <button class="${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}" id="einlass-phone-change" name="change-number" value="true" type="submit">${msg("einlass.recovery-phone.change")}</button>
                        <#if einlassAppInitiated>
                            <button class="${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}" id="einlass-phone-cancel" name="cancel-aia" value="true" type="submit">${msg("doCancel")}</button>
                        </#if>
                    </div>
                </div>
            </form>
            <script src="${url.resourcesPath}/js/einlass-countdown.js" defer></script>
        <#elseif einlassStep = "failed">
            <p class="einlass-lead" id="einlass-phone-failed">${msg("einlass.recovery-phone.failed.intro")}</p>
            <form id="einlass-phone-other-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
                <div class="${properties.kcFormGroupClass!}">
                    <div class="${properties.kcFormActionGroupClass!}">
                        <button class="${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}" id="einlass-phone-change" name="change-number" value="true" type="submit">${msg("einlass.recovery-phone.back")}</button>
                        <#if einlassAppInitiated>
                            <button class="${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}" id="einlass-phone-cancel" name="cancel-aia" value="true" type="submit">${msg("doCancel")}</button>
                        </#if>
                    </div>
                </div>
            </form>
        <#else>
            <p class="einlass-lead">${msg("einlass.recovery-phone.intro")}</p>
            <#if einlassCurrentPhone??>
                <p class="einlass-current" id="einlass-phone-current">${msg("einlass.recovery-phone.current", einlassCurrentPhone)}</p>
            <#else>
                <p class="einlass-current" id="einlass-phone-current">${msg("einlass.recovery-phone.current-none")}</p>
            </#if>
            <form id="einlass-phone-number-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate>
                <div class="${properties.kcFormGroupClass!}">
                    <div class="${properties.kcFormGroupLabelClass!}">
                        <label for="phone" class="${properties.kcFormLabelClass!}"><span class="${properties.kcFormLabelTextClass!}"><#if einlassCurrentPhone??>${msg("einlass.recovery-phone.label-new")}<#else>${msg("einlass.recovery-phone.label")}</#if></span></label>
                    </div>
                    <span class="${properties.kcInputClass!} <#if messagesPerField.existsError('phone')>${properties.kcError!}</#if>">
                        <input id="phone" name="phone" type="tel" value="${einlassValue}" autocomplete="tel" inputmode="tel" autofocus
                               aria-describedby="einlass-phone-hint<#if messagesPerField.existsError('phone')> input-error-phone</#if>"
                               aria-invalid="<#if messagesPerField.existsError('phone')>true<#else>false</#if>"/>
                    </span>
                    <#if messagesPerField.existsError('phone')>
                        <div class="${properties.kcFormHelperTextClass!}" aria-live="polite">
                            <div class="${properties.kcInputHelperTextClass!}">
                                <div class="${properties.kcInputHelperTextItemClass!} ${properties.kcError!}" id="input-error-phone">
                                    <span class="${properties.kcInputErrorMessageClass!}">${kcSanitize(messagesPerField.get('phone'))?no_esc}</span>
                                </div>
                            </div>
                        </div>
                    </#if>
                    <p class="einlass-hint" id="einlass-phone-hint">${msg("einlass.recovery-phone.hint")}</p>
                </div>
                <div class="${properties.kcFormGroupClass!}">
                    <div class="${properties.kcFormActionGroupClass!}">
                        <button class="${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}" id="einlass-phone-send" name="send" value="true" type="submit">${msg("einlass.recovery-phone.send")}</button>
                    </div>
                </div>
            </form>
            <form id="einlass-phone-other-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
                <div class="${properties.kcFormGroupClass!}">
                    <div class="${properties.kcFormActionGroupClass!}">
                        <#if einlassCurrentPhone??>
                            <button class="${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}" id="einlass-phone-remove" name="remove" value="true" type="submit">${msg("einlass.recovery-phone.remove")}</button>
                        </#if>
                        <#if einlassNotNow>
                            <button class="${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}" id="einlass-phone-not-now" name="not-now" value="true" type="submit">${msg("einlass.recovery-phone.not-now")}</button>
                        </#if>
                        <#if einlassAppInitiated>
                            <button class="${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}" id="einlass-phone-cancel" name="cancel-aia" value="true" type="submit">${msg("doCancel")}</button>
                        </#if>
                    </div>
                </div>
            </form>
        </#if>
        </div>
    </#if>
</@layout.registrationLayout>
