<#import "template.ftl" as layout>
<#import "einlass-alternatives.ftl" as alternatives>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('password'); section>
<!-- template: einlass-password.ftl -->
    <#if section = "header">
        ${msg("einlass.password.title")}
    <#elseif section = "form">
        <div id="kc-form">
            <div id="kc-form-wrapper">
                <form id="kc-form-login" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate>
                    <div class="${properties.kcFormGroupClass!}">
                        <div class="${properties.kcFormGroupLabelClass!}">
                            <label for="password" class="${properties.kcFormLabelClass!}">
                                <span class="${properties.kcFormLabelTextClass!}">${msg("password")}</span>
                            </label>
                        </div>
                        <span class="${properties.kcInputClass!} <#if messagesPerField.existsError('password')>${properties.kcError!}</#if>">
                            <input id="password" name="password" type="password" autocomplete="current-password" autofocus required
                                   aria-invalid="<#if messagesPerField.existsError('password')>true<#else>false</#if>"
                                   <#if messagesPerField.existsError('password')>aria-describedby="input-error-password"</#if>/>
                        </span>
                        <#if messagesPerField.existsError('password')>
                            <div class="${properties.kcFormHelperTextClass!}" aria-live="polite">
                                <div class="${properties.kcInputHelperTextClass!}">
                                    <div class="${properties.kcInputHelperTextItemClass!} ${properties.kcError!}" id="input-error-password">
                                        <span class="${properties.kcInputErrorMessageClass!}">${kcSanitize(messagesPerField.get('password'))?no_esc}</span>
                                    </div>
                                </div>
                            </div>
                        </#if>
                        <#if realm.resetPasswordAllowed>
                            <p class="einlass-forgot"><a id="einlass-forgot-password" href="${url.loginResetCredentialsUrl}">${msg("doForgotPassword")}</a></p>
                        </#if>
                    </div>
                    <div class="${properties.kcFormGroupClass!}">
                        <div class="${properties.kcFormActionGroupClass!}">
                            <button class="${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}" id="kc-login" name="login" type="submit">${msg("doLogIn")}</button>
                        </div>
                    </div>
                </form>
                <@alternatives.show/>
            </div>
        </div>
    </#if>
</@layout.registrationLayout>
