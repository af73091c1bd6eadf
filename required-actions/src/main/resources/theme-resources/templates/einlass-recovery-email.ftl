<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('recovery-email'); section>
<!-- template: einlass-recovery-email.ftl -->
    <#if section = "header">
        <#if einlassSent>${msg("einlass.recovery-email.sent.title")}<#else>${msg("einlass.recovery-email.title")}</#if>
    <#elseif section = "form">
        <div id="einlass-recovery-email" class="einlass-recovery">
        <#if einlassSent>
            <p class="einlass-lead" id="einlass-recovery-sent">${msg("einlass.recovery-email.sent.text", einlassSentTo, einlassValidHours)}</p>
            <p class="einlass-hint">${msg("einlass.recovery-email.sent.until", einlassValidUntil)}</p>
            <#if einlassRecoveryEmail??>
                <p class="einlass-hint" id="einlass-recovery-kept">${msg("einlass.recovery-email.sent.kept", einlassRecoveryEmail)}</p>
            </#if>
            <p class="einlass-hint">${msg("einlass.recovery-email.sent.spam")}</p>
            <form id="einlass-recovery-continue-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
                <div class="${properties.kcFormGroupClass!}">
                    <div class="${properties.kcFormActionGroupClass!}">
                        <button class="${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}" id="einlass-recovery-continue" name="continue" value="true" type="submit">${msg("einlass.recovery-email.continue")}</button>
                    </div>
                </div>
            </form>
        <#else>
            <p class="einlass-lead">${msg("einlass.recovery-email.intro")}</p>
            <#if einlassRecoveryEmail??>
                <p class="einlass-current" id="einlass-recovery-current">${msg("einlass.recovery-email.current", einlassRecoveryEmail)}</p>
            <#else>
                <p class="einlass-current" id="einlass-recovery-current">${msg("einlass.recovery-email.current-none")}</p>
            </#if>
            <form id="einlass-recovery-email-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate>
                <div class="${properties.kcFormGroupClass!}">
                    <div class="${properties.kcFormGroupLabelClass!}">
                        <label for="recovery-email" class="${properties.kcFormLabelClass!}">
                            <span class="${properties.kcFormLabelTextClass!}"><#if einlassRecoveryEmail??>${msg("einlass.recovery-email.label-new")}<#else>${msg("einlass.recovery-email.label")}</#if></span>
                        </label>
                    </div>
                    <span class="${properties.kcInputClass!} <#if messagesPerField.existsError('recovery-email')>${properties.kcError!}</#if>">
                        <input id="recovery-email" name="recovery-email" type="email" value="${einlassValue}" autocomplete="email"
                               inputmode="email" autocapitalize="none" spellcheck="false" autofocus
                               aria-describedby="einlass-recovery-hint<#if messagesPerField.existsError('recovery-email')> input-error-recovery-email</#if>"
                               aria-invalid="<#if messagesPerField.existsError('recovery-email')>true<#else>false</#if>"/>
                    </span>
                    <#if messagesPerField.existsError('recovery-email')>
                        <div class="${properties.kcFormHelperTextClass!}" aria-live="polite">
                            <div class="${properties.kcInputHelperTextClass!}">
                                <div class="${properties.kcInputHelperTextItemClass!} ${properties.kcError!}" id="input-error-recovery-email">
                                    <span class="${properties.kcInputErrorMessageClass!}">${kcSanitize(messagesPerField.get('recovery-email'))?no_esc}</span>
                                </div>
                            </div>
                        </div>
                    </#if>
                    <p class="einlass-hint" id="einlass-recovery-hint">${msg("einlass.recovery-email.hint", einlassLoginEmail, einlassValidHours)}</p>
                </div>
                <div class="${properties.kcFormGroupClass!}">
                    <div class="${properties.kcFormActionGroupClass!}">
                        <button class="${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}" id="einlass-recovery-send" name="send" value="true" type="submit">${msg("einlass.recovery-email.send")}</button>
                    </div>
                </div>
            </form>
            <form id="einlass-recovery-other-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
                <div class="${properties.kcFormGroupClass!}">
                    <div class="${properties.kcFormActionGroupClass!}">
                        <#if einlassRecoveryEmail??>
                            <button class="${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}" id="einlass-recovery-remove" name="remove" value="true" type="submit">${msg("einlass.recovery-email.remove")}</button>
                        </#if>
                        <#if einlassNotNow>
                            <button class="${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}" id="einlass-recovery-not-now" name="not-now" value="true" type="submit">${msg("einlass.recovery-email.not-now")}</button>
                        </#if>
                        <#if einlassAppInitiated>
                            <button class="${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}" id="einlass-recovery-cancel" name="cancel-aia" value="true" type="submit">${msg("doCancel")}</button>
                        </#if>
                    </div>
                </div>
            </form>
        </#if>
        </div>
    </#if>
</@layout.registrationLayout>
