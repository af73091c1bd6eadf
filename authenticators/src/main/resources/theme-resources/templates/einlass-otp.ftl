<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('totp','password'); section>
<!-- template: einlass-otp.ftl -->
    <#if section="header">
        ${msg("einlass.otp.title")}
    <#elseif section="form">
        <form id="kc-otp-login-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate>
            <#if otpLogin.userOtpCredentials?size gt 1>
                <fieldset class="${properties.kcFormGroupClass!} einlass-otp-devices">
                    <legend class="${properties.kcFormLabelClass!}">${msg("einlass.otp.device")}</legend>
                    <#list otpLogin.userOtpCredentials as otpCredential>
                        <div class="${properties.kcCheckboxClass!}">
                            <input class="${properties.kcCheckboxInputClass!}" type="radio" name="selectedCredentialId" id="kc-otp-credential-${otpCredential?index}"
                                   value="${otpCredential.id}" <#if otpCredential.id == (otpLogin.selectedCredentialId!'')>checked</#if>/>
                            <label class="${properties.kcCheckboxLabelClass!}" for="kc-otp-credential-${otpCredential?index}">${otpCredential.userLabel}</label>
                        </div>
                    </#list>
                </fieldset>
            <#else>
                <input type="hidden" name="selectedCredentialId" value="${otpLogin.selectedCredentialId!''}"/>
            </#if>

            <div class="${properties.kcFormGroupClass!}">
                <div class="${properties.kcFormGroupLabelClass!}">
                    <label for="otp" class="${properties.kcFormLabelClass!}">
                        <span class="${properties.kcFormLabelTextClass!}">${msg("einlass.otp.label")}</span>
                    </label>
                </div>
                <span class="${properties.kcInputClass!} <#if messagesPerField.existsError('totp','password')>${properties.kcError!}</#if>">
                    <input id="otp" name="otp" type="text" inputmode="numeric" pattern="[0-9]*" maxlength="8" autocomplete="one-time-code"
                           autofocus aria-invalid="<#if messagesPerField.existsError('totp','password')>true<#else>false</#if>"
                           <#if messagesPerField.existsError('totp','password')>aria-describedby="input-error-otp-code"</#if>/>
                </span>
                <#if messagesPerField.existsError('totp','password')>
                    <div class="${properties.kcFormHelperTextClass!}" aria-live="polite">
                        <div class="${properties.kcInputHelperTextClass!}">
                            <div class="${properties.kcInputHelperTextItemClass!} ${properties.kcError!}" id="input-error-otp-code">
                                <span class="${properties.kcInputErrorMessageClass!}">${kcSanitize(messagesPerField.getFirstError('totp','password'))?no_esc}</span>
                            </div>
                        </div>
                    </div>
                </#if>
                <p class="einlass-hint">${msg("einlass.otp.help")}</p>
            </div>

            <#if einlassTrustOffered!false>
                <div class="${properties.kcFormGroupClass!} einlass-trust">
                    <div class="${properties.kcCheckboxClass!}">
                        <input class="${properties.kcCheckboxInputClass!}" type="checkbox" id="trustBrowser" name="trustBrowser" value="on"
                               aria-describedby="einlass-trust-hint" <#if einlassTrustChecked!false>checked</#if>/>
                        <label class="${properties.kcCheckboxLabelClass!}" for="trustBrowser">${msg("einlass.otp.trust", einlassTrustDays)}</label>
                    </div>
                    <p class="einlass-hint" id="einlass-trust-hint">${msg("einlass.otp.trust-hint", einlassTrustDays)}</p>
                </div>
            </#if>

            <div class="${properties.kcFormGroupClass!}">
                <div class="${properties.kcFormActionGroupClass!}">
                    <button class="${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}" id="kc-login" name="login" type="submit">${msg("doLogIn")}</button>
                </div>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>
