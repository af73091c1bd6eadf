<#import "template.ftl" as layout>
<#import "password-commons.ftl" as passwordCommons>
<#--
  Keycloak's passkey and security-key registration (required actions webauthn-register and
  webauthn-register-passwordless) without keycloak.v2's inline script, so it works under the realm's strict CSP:
  einlass-webauthn-register.js reads the options from the form's data-* attributes. The name of the passkey is a
  field of the form (keycloak.v2 asks for it in a browser prompt).
-->
<@layout.registrationLayout; section>
    <#if section = "header">
        ${msg("webauthn-registration-title")}
    <#elseif section = "form">
        <p class="einlass-lead">${msg("einlass.passkey.register.intro")}</p>
        <form id="register" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post"
              data-challenge="${challenge}" data-userid="${userid}" data-username="${username}"
              data-signature-algorithms="<#list signatureAlgorithms as algorithm>${algorithm?c}<#sep>,</#list>"
              data-rp-entity-name="${rpEntityName}" data-rp-id="${rpId}"
              data-attestation="${attestationConveyancePreference}" data-attachment="${authenticatorAttachment}"
              data-require-resident-key="${requireResidentKey}" data-resident-key="${residentKey!''}"
              data-user-verification="${userVerificationRequirement}" data-timeout="${createTimeout?c}"
              data-exclude="${excludeCredentialIds}" data-unsupported="${msg("webauthn-unsupported-browser-text")}">
            <input type="hidden" name="clientDataJSON"/>
            <input type="hidden" name="attestationObject"/>
            <input type="hidden" name="publicKeyCredentialId"/>
            <input type="hidden" name="transports"/>
            <input type="hidden" name="authenticatorAttachment"/>
            <input type="hidden" name="error"/>
            <div class="${properties.kcFormGroupClass!}">
                <div class="${properties.kcFormGroupLabelClass!}">
                    <label for="authenticatorLabel" class="${properties.kcFormLabelClass!}">
                        <span class="${properties.kcFormLabelTextClass!}">${msg("einlass.passkey.register.label")}</span>
                    </label>
                </div>
                <span class="${properties.kcInputClass!}">
                    <input id="authenticatorLabel" name="authenticatorLabel" type="text" maxlength="100"
                           value="${msg("einlass.passkey.register.default-label")}" autocomplete="off"/>
                </span>
            </div>
            <@passwordCommons.logoutOtherSessions/>
            <div class="${properties.kcFormGroupClass!}">
                <div class="${properties.kcFormActionGroupClass!}">
                    <button class="${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}" id="registerWebAuthn" type="submit">${msg("doRegisterSecurityKey")}</button>
                </div>
            </div>
        </form>
        <#if !isSetRetry?has_content && isAppInitiatedAction?has_content>
            <form class="${properties.kcFormClass!}" action="${url.loginAction}" id="kc-webauthn-settings-form" method="post">
                <div class="${properties.kcFormGroupClass!}">
                    <button class="${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}" id="cancelWebAuthnAIA" name="cancel-aia" type="submit">${msg("doCancel")}</button>
                </div>
            </form>
        </#if>
        <script type="module" src="${url.resourcesPath}/js/einlass-webauthn-register.js"></script>
    </#if>
</@layout.registrationLayout>
