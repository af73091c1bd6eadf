<#--
  "Sign in with a passkey" (PasskeySignIn): the form the browser's passkey answer is posted with, and a button for
  browsers without passkey autofill. No inline script (strict CSP): einlass-passkey.js reads the challenge and the
  policy from the form's data-* attributes. Shown only when the realm offers passkeys; the same for every visitor.
-->
<#macro offer>
    <#if einlassPasskey??>
        <form id="einlass-passkey-form" action="${url.loginAction}" method="post" hidden
              data-challenge="${challenge}" data-rp-id="${rpId}" data-user-verification="${userVerification}"
              data-timeout="${createTimeout?c}">
            <input type="hidden" name="clientDataJSON"/>
            <input type="hidden" name="authenticatorData"/>
            <input type="hidden" name="signature"/>
            <input type="hidden" name="credentialId"/>
            <input type="hidden" name="userHandle"/>
            <input type="hidden" name="error"/>
        </form>
        <div class="${properties.kcFormGroupClass!} einlass-passkey" id="einlass-passkey" hidden>
            <p class="einlass-passkey-or">${msg("einlass.passkey.or")}</p>
            <button type="button" id="einlass-passkey-button" class="${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}">${msg("einlass.passkey.button")}</button>
        </div>
        <script type="module" src="${url.resourcesPath}/js/einlass-passkey.js"></script>
    </#if>
</#macro>
