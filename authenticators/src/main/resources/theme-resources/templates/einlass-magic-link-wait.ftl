<#import "template.ftl" as layout>
<#import "einlass-alternatives.ftl" as alternatives>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('code'); section>
<!-- template: einlass-magic-link-wait.ftl -->
    <#if section = "header">
        <#if (einlassPurpose!"") = "reset">${msg("einlass.reset.wait.title")}<#else>${msg("einlass.magic-link.wait.title")}</#if>
    <#elseif section = "form">
        <div id="einlass-magic-link" class="einlass-wait"
             data-einlass-status-url="${einlassStatusUrl}"
             data-einlass-resend-at="${einlassResendAt?c}">
            <p class="einlass-lead" id="einlass-sent-to">${msg(einlassSentKey, einlassEmail)}</p>
            <#if einlassExpired>
                <p class="einlass-validity" id="einlass-validity">${msg("einlass.magic-link.wait.expired")}</p>
            <#else>
                <p class="einlass-validity" id="einlass-validity">${msg("einlass.magic-link.wait.validity", einlassValidMinutes, einlassValidUntil)}</p>
            </#if>

            <#if einlassCodeEnabled>
                <form id="einlass-code-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate>
                    <div class="${properties.kcFormGroupClass!}">
                        <div class="${properties.kcFormGroupLabelClass!}">
                            <label for="code" class="${properties.kcFormLabelClass!}">
                                <span class="${properties.kcFormLabelTextClass!}">${msg("einlass.magic-link.wait.code-label")}</span>
                            </label>
                        </div>
                        <span class="${properties.kcInputClass!} <#if messagesPerField.existsError('code')>${properties.kcError!}</#if>">
                            <input id="code" name="code" type="text" inputmode="numeric" pattern="[0-9 ]*" maxlength="12"
                                   autocomplete="one-time-code" autocapitalize="none" spellcheck="false"
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
                            <button class="${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}" id="einlass-code-submit" name="login" type="submit"><#if (einlassPurpose!"") = "reset">${msg("einlass.reset.wait.code-submit")}<#else>${msg("einlass.magic-link.wait.code-submit")}</#if></button>
                        </div>
                    </div>
                </form>
            </#if>

            <#if einlassCrossDevice>
                <div class="einlass-match" id="einlass-match-box">
                    <p>${msg("einlass.magic-link.wait.match-intro")}</p>
                    <p class="einlass-match-number" id="einlass-match" aria-label="${msg('einlass.magic-link.wait.match-label')}">${einlassMatch}</p>
                </div>
                <form id="einlass-continue-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
                    <input type="hidden" name="continue" value="true"/>
                    <button class="${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}" id="einlass-continue" type="submit">${msg("einlass.magic-link.wait.continue")}</button>
                </form>
            </#if>

            <form id="einlass-resend-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
                <input type="hidden" name="resend" value="true"/>
                <button class="${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}" id="einlass-resend" type="submit"
                        <#if (einlassResendIn > 0)>disabled aria-disabled="true"</#if>>
                    ${msg("einlass.magic-link.wait.resend")}
                    <span id="einlass-resend-countdown" class="einlass-countdown"<#if !(einlassResendIn > 0)> hidden</#if>>${msg("einlass.magic-link.wait.resend-in", einlassResendIn?c)}</span>
                </button>
            </form>
            <p class="einlass-hint" id="einlass-spam-hint">${msg("einlass.magic-link.wait.spam")}</p>
            <p class="einlass-back"><a id="einlass-other-address" href="${url.loginRestartFlowUrl}">${msg("einlass.magic-link.wait.other-address")}</a></p>
            <@alternatives.show/>
        </div>
        <script src="${url.resourcesPath}/js/einlass-magic-link.js" defer></script>
    </#if>
</@layout.registrationLayout>
