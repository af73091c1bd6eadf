<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<#import "password-commons.ftl" as passwordCommons>
<@layout.registrationLayout displayRequiredFields=false displayMessage=!messagesPerField.existsError('totp','userLabel'); section>
<!-- template: login-config-totp.ftl (einlass: QR code and copyable key on one page) -->
    <#if section = "header">
        ${msg("einlass.totp.title")}
    <#elseif section = "form">
        <p class="einlass-lead">${msg("einlass.totp.intro")}</p>
        <ol id="kc-totp-settings" class="einlass-steps">
            <li>
                <p>${msg("einlass.totp.step-app")}</p>
                <ul id="kc-totp-supported-apps" class="einlass-apps">
                    <#list totp.supportedApplications as app>
                        <li>${msg(app)}</li>
                    </#list>
                </ul>
            </li>
            <li>
                <p>${msg("einlass.totp.step-scan")}</p>
                <img id="kc-totp-secret-qr-code" class="einlass-qr" src="data:image/png;base64, ${totp.totpSecretQrCode}" alt="${msg('einlass.totp.qr-alt')}" width="200" height="200">
                <div class="einlass-secret">
                    <p>${msg("einlass.totp.step-key")}</p>
                    <p><code id="kc-totp-secret-key" class="einlass-secret-key">${totp.totpSecretEncoded}</code></p>
                    <button type="button" class="${properties.kcButtonSecondaryClass!}" id="einlass-copy-secret" hidden
                            data-einlass-copy="kc-totp-secret-key" data-einlass-copied="${msg('einlass.totp.copied')}" aria-describedby="einlass-copy-status">
                        ${msg("einlass.totp.copy")}
                    </button>
                    <span id="einlass-copy-status" class="einlass-hint" role="status" aria-live="polite"></span>
                    <p class="einlass-hint">${msg("einlass.totp.key-details", msg("loginTotp." + totp.policy.type), totp.policy.digits, totp.policy.period)}</p>
                </div>
            </li>
            <li>
                <p>${msg("einlass.totp.step-code")}</p>
            </li>
        </ol>

        <form action="${url.loginAction}" class="${properties.kcFormClass!}" id="kc-totp-settings-form" method="post" novalidate="novalidate">
            <div class="${properties.kcFormGroupClass!}">
                <div class="${properties.kcFormGroupLabelClass!}">
                    <label class="${properties.kcFormLabelClass!}" for="totp">
                        <span class="${properties.kcFormLabelTextClass!}">${msg("einlass.otp.label")}</span>
                    </label>
                </div>
                <span class="${properties.kcInputClass!} <#if messagesPerField.existsError('totp')>${properties.kcError!}</#if>">
                    <input type="text" required id="totp" name="totp" autocomplete="one-time-code" inputmode="numeric" pattern="[0-9]*" maxlength="8"
                           aria-invalid="<#if messagesPerField.existsError('totp')>true<#else>false</#if>"
                           <#if messagesPerField.existsError('totp')>aria-describedby="input-error-otp-code"</#if>/>
                </span>
                <#if messagesPerField.existsError('totp')>
                    <span id="input-error-otp-code" class="${properties.kcInputErrorMessageClass!}" aria-live="polite">${messagesPerField.get('totp')}</span>
                </#if>
                <input type="hidden" id="totpSecret" name="totpSecret" value="${totp.totpSecret}" />
                <#if mode??><input type="hidden" id="mode" name="mode" value="${mode}"/></#if>
            </div>
            <div class="${properties.kcFormGroupClass!}">
                <div class="${properties.kcFormGroupLabelClass!}">
                    <label class="${properties.kcFormLabelClass!}" for="userLabel">
                        <span class="${properties.kcFormLabelTextClass!}">${msg("einlass.totp.device")}</span>
                    </label>
                </div>
                <span class="${properties.kcInputClass!} <#if messagesPerField.existsError('userLabel')>${properties.kcError!}</#if>">
                    <input type="text" id="userLabel" name="userLabel" autocomplete="off" placeholder="${msg('einlass.totp.device-example')}"
                           aria-invalid="<#if messagesPerField.existsError('userLabel')>true<#else>false</#if>"/>
                </span>
                <#if messagesPerField.existsError('userLabel')>
                    <span id="input-error-otp-label" class="${properties.kcInputErrorMessageClass!}" aria-live="polite">${messagesPerField.get('userLabel')}</span>
                </#if>
            </div>

            <div class="${properties.kcFormGroupClass!}">
                <@passwordCommons.logoutOtherSessions/>
            </div>

            <div class="${properties.kcFormGroupClass!}">
                <div class="${properties.kcFormActionGroupClass!}">
                    <button type="submit" class="${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}" id="saveTOTPBtn">${msg("einlass.totp.save")}</button>
                    <#if isAppInitiatedAction??>
                        <button type="submit" class="${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}" id="cancelTOTPBtn" name="cancel-aia" value="true">${msg("doCancel")}</button>
                    </#if>
                </div>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>
