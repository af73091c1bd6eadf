<#import "template.ftl" as layout>
<#import "social-providers.ftl" as identityProviders>
<#import "einlass-passkey.ftl" as passkey>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('email') displayInfo=(realm.registrationAllowed && !registrationDisabled??); section>
<!-- template: einlass-identify.ftl -->
    <#if section = "header">
        <#if einlassReset!false>${msg("einlass.reset.identify.title")}<#else>${msg("einlass.identify.title")}</#if>
    <#elseif section = "form">
        <div id="kc-form">
            <div id="kc-form-wrapper">
                <p class="einlass-lead"><#if einlassReset!false>${msg("einlass.reset.identify.intro")}<#else>${msg("einlass.identify.intro")}</#if></p>
                <form id="einlass-identify-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate>
                    <div class="${properties.kcFormGroupClass!}">
                        <div class="${properties.kcFormGroupLabelClass!}">
                            <label for="email" class="${properties.kcFormLabelClass!}">
                                <span class="${properties.kcFormLabelTextClass!}">${msg("einlass.identify.label")}</span>
                            </label>
                        </div>
                        <span class="${properties.kcInputClass!} <#if messagesPerField.existsError('email')>${properties.kcError!}</#if>">
                            <input id="email" name="email" type="email" value="${einlassEmailValue!''}" autocomplete="username<#if einlassPasskey??> webauthn</#if>"
                                   inputmode="email" autocapitalize="none" spellcheck="false" autofocus required
                                   aria-invalid="<#if messagesPerField.existsError('email')>true<#else>false</#if>"
                                   <#if messagesPerField.existsError('email')>aria-describedby="input-error-email"</#if>/>
                        </span>
                        <#if messagesPerField.existsError('email')>
                            <div class="${properties.kcFormHelperTextClass!}" aria-live="polite">
                                <div class="${properties.kcInputHelperTextClass!}">
                                    <div class="${properties.kcInputHelperTextItemClass!} ${properties.kcError!}" id="input-error-email">
                                        <span class="${properties.kcInputErrorMessageClass!}">${kcSanitize(messagesPerField.get('email'))?no_esc}</span>
                                    </div>
                                </div>
                            </div>
                        </#if>
                    </div>
                    <div class="${properties.kcFormGroupClass!}">
                        <div class="${properties.kcFormActionGroupClass!}">
                            <button class="${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}" id="einlass-continue" name="login" type="submit"><#if einlassReset!false>${msg("einlass.reset.identify.continue")}<#else>${msg("einlass.identify.continue")}</#if></button>
                        </div>
                    </div>
                </form>
                <@passkey.offer/>
                <#if einlassReset!false>
                <p class="einlass-back"><a id="einlass-back-to-sign-in" href="${url.loginUrl}">${msg("einlass.reset.identify.back")}</a></p>
                <#else>
                <p class="einlass-hint" id="einlass-first-time">${msg("einlass.identify.first-time")}</p>
                </#if>
            </div>
        </div>
    <#elseif section = "socialProviders">
        <#-- the realm's identity providers, as on Keycloak's own page (organizations' providers as Keycloak shows them) -->
        <#if !(einlassReset!false) && social?? && social.providers?? && social.providers?has_content>
            <@identityProviders.show social=social />
        </#if>
    <#elseif section = "info">
        <#if realm.registrationAllowed && !registrationDisabled??>
            <div id="kc-registration">
                <span>${msg("noAccount")} <a href="${url.registrationUrl}">${msg("doRegister")}</a></span>
            </div>
        </#if>
    </#if>
</@layout.registrationLayout>
