<#import "template.ftl" as layout>
<@layout.registrationLayout; section>
<!-- template: einlass-magic-link-landing.ftl -->
    <#if section = "header">
        <#if einlassRegister && einlassState = "confirm">${msg("einlass.register.landing.title")}<#elseif einlassReset && einlassState = "confirm">${msg("einlass.reset.landing.title")}<#else>${msg("einlass.magic-link.landing.title." + einlassState)}</#if>
    <#elseif section = "form">
        <div id="einlass-landing" class="einlass-landing" data-einlass-state="${einlassState}">
        <#if einlassState = "confirm">
            <form id="einlass-confirm-form" class="${properties.kcFormClass!}" action="${einlassAction}" method="post">
                <input type="hidden" name="t" value="${einlassToken}"/>
                <input type="hidden" name="${einlassPageTokenField}" value="${einlassPageToken}"/>
                <#if einlassSameBrowser && einlassRegister>
                    <p class="einlass-lead">${msg("einlass.register.landing.same-browser", einlassAccount, einlassAppName)}</p>
                <#elseif einlassSameBrowser && einlassReset>
                    <p class="einlass-lead">${msg("einlass.reset.landing.same-browser", einlassAppName)}</p>
                <#elseif einlassSameBrowser>
                    <p class="einlass-lead">${msg("einlass.magic-link.landing.same-browser", einlassAppName)}</p>
                <#elseif einlassApi>
                    <p class="einlass-lead">${msg("einlass.magic-link.landing.api", einlassAccount, einlassAppName)}</p>
                <#else>
                    <p class="einlass-lead"><#if einlassRegister>${msg("einlass.register.landing.other-device", einlassAccount, einlassAppName)}<#elseif einlassReset>${msg("einlass.reset.landing.other-device", einlassAccount, einlassAppName)}<#else>${msg("einlass.magic-link.landing.other-device", einlassAccount, einlassAppName)}</#if></p>
                    <p class="einlass-request" id="einlass-request">
                        <#if einlassBrowser != "?">${msg("einlass.magic-link.landing.requested", einlassBrowser, einlassOs, einlassRequestedAt)}<#else>${msg("einlass.magic-link.landing.requested-unknown", einlassRequestedAt)}</#if>
                    </p>
                    <div class="${properties.kcFormGroupClass!}">
                        <div class="${properties.kcFormGroupLabelClass!}">
                            <label for="match" class="${properties.kcFormLabelClass!}">
                                <span class="${properties.kcFormLabelTextClass!}">${msg("einlass.magic-link.landing.match-label")}</span>
                            </label>
                        </div>
                        <span class="${properties.kcInputClass!}">
                            <input id="match" name="match" type="text" inputmode="numeric" pattern="[0-9]*" maxlength="2" autocomplete="off" required autofocus/>
                        </span>
                        <p class="einlass-hint">${msg("einlass.magic-link.landing.match-help")}</p>
                    </div>
                </#if>
                <div class="${properties.kcFormGroupClass!}">
                    <div class="${properties.kcFormActionGroupClass!}">
                        <button class="${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}" id="einlass-confirm" name="decision" value="confirm" type="submit"><#if einlassRegister>${msg("einlass.register.landing.confirm")}<#elseif einlassReset>${msg("einlass.reset.landing.confirm")}<#else>${msg("einlass.magic-link.landing.confirm")}</#if></button>
                        <#if !einlassSameBrowser && !einlassApi>
                            <button class="${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}" id="einlass-deny" name="decision" value="deny" type="submit" formnovalidate>${msg("einlass.magic-link.landing.deny")}</button>
                        </#if>
                    </div>
                </div>
            </form>
            <p class="einlass-hint">${msg("einlass.magic-link.landing.not-you")}</p>
        <#else>
            <p class="einlass-lead" id="einlass-landing-text">${msg("einlass.magic-link.landing.text." + einlassState)}</p>
            <#if einlassNewLink>
                <p><a id="einlass-new-link" class="${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}" href="${einlassRestartUrl}">${msg("einlass.magic-link.landing.new-link")}</a></p>
            </#if>
        </#if>
        </div>
    </#if>
</@layout.registrationLayout>
