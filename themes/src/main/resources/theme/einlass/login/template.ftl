<#import "field.ftl" as field>
<#import "footer.ftl" as loginFooter>
<#--
  Einlass page layout: keycloak.v2 (PatternFly 5) without any inline script or inline event handler, so every page
  works under a strict Content-Security-Policy (script-src 'self'). Branding comes from theme properties (realm-wide,
  also from environment variables), per application from client attributes einlass.brand.*, and per organization
  from organization attributes einlass.brand.* (see docs).
-->
<#-- The organization's branding (attributes einlass.brand.* on a Keycloak organization) once the typed address is of
     one of its domains. Only the domain decides, so a known member and an unknown address of that domain see the same
     page; an organization Keycloak finds through a membership alone never brands the page (that would tell members
     from strangers). -->
<#assign einlassOrgBrand = {}>
<#if org?? && org.domains?? && auth?? && (auth.attemptedUsername!"")?contains("@")>
    <#assign einlassTypedDomain = auth.attemptedUsername?keep_after_last("@")?lower_case>
    <#list org.domains as einlassDomain>
        <#if einlassDomain?lower_case == einlassTypedDomain><#assign einlassOrgBrand = org.attributes></#if>
    </#list>
</#if>
<#function brand key fallback>
    <#if einlassOrgBrand["einlass.brand." + key]?? && einlassOrgBrand["einlass.brand." + key]?has_content && einlassOrgBrand["einlass.brand." + key][0]?has_content>
        <#return einlassOrgBrand["einlass.brand." + key][0]>
    </#if>
    <#if client?? && client.attributes?? && client.attributes["einlass.brand." + key]?? && client.attributes["einlass.brand." + key]?has_content>
        <#return client.attributes["einlass.brand." + key]>
    </#if>
    <#return fallback>
</#function>
<#assign einlassName = brand("name", (properties.einlassProductName?has_content)?then(properties.einlassProductName, (realm.displayName!realm.name)))>
<#assign einlassColorRaw = brand("color", properties.einlassPrimaryColor!"#0b5cad")>
<#assign einlassColor = einlassColorRaw?matches("#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?")?then(einlassColorRaw, "#0b5cad")>
<#assign einlassLogoRaw = brand("logo", properties.einlassLogo!"img/einlass-logo.svg")>
<#if einlassLogoRaw?starts_with("data:image/")>
    <#assign einlassLogo = einlassLogoRaw>
<#elseif einlassLogoRaw?matches("[A-Za-z0-9_./-]+") && !einlassLogoRaw?contains("..")>
    <#assign einlassLogo = url.resourcesPath + "/" + einlassLogoRaw>
<#else>
    <#assign einlassLogo = "">
</#if>
<#assign einlassSupport = brand("support", properties.einlassSupport!"")>

<#macro username>
  <#assign label>
    <#if !realm.loginWithEmailAllowed>${msg("username")}<#elseif !realm.registrationEmailAsUsername>${msg("usernameOrEmail")}<#else>${msg("email")}</#if>
  </#assign>
  <@field.group name="username" label=label>
    <div class="${properties.kcInputGroup}">
      <div class="${properties.kcInputGroupItemClass} ${properties.kcFill}">
        <span class="${properties.kcInputClass} ${properties.kcFormReadOnlyClass}">
          <input id="kc-attempted-username" value="${auth.attemptedUsername}" readonly>
        </span>
      </div>
      <div class="${properties.kcInputGroupItemClass}">
        <a id="reset-login" class="${properties.kcFormPasswordVisibilityButtonClass} einlass-restart" href="${url.loginRestartFlowUrl}"
           aria-label="${msg('restartLoginTooltip')}" title="${msg('restartLoginTooltip')}">
            <i class="fa-sync-alt fas" aria-hidden="true"></i>
            <span class="einlass-restart-text">${msg("einlass.theme.change")}</span>
        </a>
      </div>
    </div>
  </@field.group>
</#macro>

<#macro registrationLayout bodyClass="" displayInfo=false displayMessage=true displayRequiredFields=false>
<!DOCTYPE html>
<html class="${properties.kcHtmlClass!}" lang="${lang}"<#if realm.internationalizationEnabled> dir="${(locale.rtl)?then('rtl','ltr')}"</#if>>

<head>
    <meta charset="utf-8">
    <meta name="color-scheme" content="light${darkMode?then(' dark', '')}">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="robots" content="noindex, nofollow">
    <title><#if einlassTitle??>${einlassTitle}<#else>${title!}</#if> - ${einlassName}</title>
    <link rel="icon" href="${url.resourcesPath}/img/favicon.ico" />
    <#if properties.stylesCommon?has_content>
        <#list properties.stylesCommon?split(' ') as style>
            <link href="${url.resourcesCommonPath}/${style}" rel="stylesheet" />
        </#list>
    </#if>
    <#if properties.styles?has_content>
        <#list properties.styles?split(' ') as style>
            <link href="${url.resourcesPath}/${style}" rel="stylesheet" />
        </#list>
    </#if>
    <style>:root { --einlass-primary: ${einlassColor}; }</style>
    <#if darkMode>
        <script src="${url.resourcesPath}/js/einlass-dark-mode.js" data-dark-class="${properties.kcDarkModeClass}"></script>
    </#if>
    <script type="module" src="${url.resourcesPath}/js/passwordVisibility.js"></script>
    <script type="module" src="${url.resourcesPath}/js/einlass-page.js"></script>
    <#if scripts??>
        <#list scripts as script>
            <script src="${script}" type="text/javascript"></script>
        </#list>
    </#if>
<#-- The head has no end tag (optional in HTML): after a form post Keycloak inserts an inline history script before
     the head's end tag, which a strict CSP (script-src 'self') blocks. einlass-page.js does the same from a file. -->

<body id="keycloak-bg" class="${properties.kcBodyClass!} einlass" data-page-id="login-${pageId}"
      data-sso-check-url="${url.ssoLoginInOtherTabsUrl}"
      <#if authenticationSession??>data-auth-session-hash="${authenticationSession.authSessionIdHash}"</#if>>
<a class="einlass-skip-link" href="#kc-page-title">${msg("einlass.theme.skip")}</a>
<div class="${properties.kcLogin!}">
  <div class="${properties.kcLoginContainer!}">
    <header id="kc-header" class="pf-v5-c-login__header einlass-header">
      <div id="kc-header-wrapper" class="pf-v5-c-brand einlass-brand">
        <#if einlassLogo?has_content><img class="einlass-logo" src="${einlassLogo}" alt="" aria-hidden="true"></#if>
        <span class="einlass-product" id="einlass-product">${einlassName}</span>
      </div>
    </header>
    <main class="${properties.kcLoginMain!}">
      <div class="${properties.kcLoginMainHeader!}">
        <h1 class="${properties.kcLoginMainTitle!}" id="kc-page-title" tabindex="-1"><#nested "header"></h1>
        <#if realm.internationalizationEnabled && locale.supported?size gt 1>
        <nav class="${properties.kcLoginMainHeaderUtilities!} einlass-languages" aria-label="${msg("languages")}">
          <ul>
            <#list locale.supported?sort_by("label") as l>
              <li><a href="${l.url}" lang="${l.languageTag}" hreflang="${l.languageTag}" id="einlass-lang-${l.languageTag}" title="${l.label}" aria-label="${l.label}"
                     <#if l.languageTag == locale.currentLanguageTag>aria-current="true"</#if>>${l.languageTag?upper_case}</a></li>
            </#list>
          </ul>
        </nav>
        </#if>
      </div>
      <div class="${properties.kcLoginMainBody!}">
        <#if !(auth?has_content && auth.showUsername() && !auth.showResetCredentials())>
            <#if displayRequiredFields>
                <div class="${properties.kcContentWrapperClass!}">
                    <div class="${properties.kcLabelWrapperClass!} subtitle">
                        <span class="${properties.kcInputHelperTextItemTextClass!}">
                          <span class="${properties.kcInputRequiredClass!}">*</span> ${msg("requiredFields")}
                        </span>
                    </div>
                </div>
            </#if>
        <#else>
            <div class="${properties.kcFormClass} ${properties.kcContentWrapperClass}">
              <#nested "show-username">
              <@username />
            </div>
        </#if>

        <#if displayMessage && message?has_content && (message.type != 'warning' || !isAppInitiatedAction??)>
            <div class="${properties.kcAlertClass!} pf-m-${(message.type = 'error')?then('danger', message.type)}" role="<#if message.type = 'error'>alert<#else>status</#if>">
                <div class="${properties.kcAlertIconClass!}">
                    <#if message.type = 'success'><span class="${properties.kcFeedbackSuccessIcon!}"></span></#if>
                    <#if message.type = 'warning'><span class="${properties.kcFeedbackWarningIcon!}"></span></#if>
                    <#if message.type = 'error'><span class="${properties.kcFeedbackErrorIcon!}"></span></#if>
                    <#if message.type = 'info'><span class="${properties.kcFeedbackInfoIcon!}"></span></#if>
                </div>
                <span class="${properties.kcAlertTitleClass!} kc-feedback-text">${kcSanitize(message.summary)?no_esc}</span>
            </div>
        </#if>

        <#nested "form">

        <#if auth?has_content && auth.showTryAnotherWayLink()>
          <form id="kc-select-try-another-way-form" action="${url.loginAction}" method="post" novalidate="novalidate">
              <button type="submit" name="tryAnotherWay" value="on" id="try-another-way"
                  class="${properties.kcButtonSecondaryClass} ${properties.kcButtonBlockClass} ${properties.kcMarginTopClass}">
                    ${msg("doTryAnotherWay")}
              </button>
          </form>
        </#if>

        <#if switchOrganizationEnabled?? && switchOrganizationEnabled>
          <form id="kc-switch-organization-form" action="${url.loginAction}" method="post" novalidate="novalidate">
              <button type="submit" name="switchOrganization" value="true" id="switch-organization"
                  class="${properties.kcButtonSecondaryClass} ${properties.kcButtonBlockClass} ${properties.kcMarginTopClass}">
                    ${msg("doSwitchOrganization")}
              </button>
          </form>
        </#if>

          <div class="${properties.kcLoginMainFooter!}">
              <#nested "socialProviders">
              <#if displayInfo>
                  <div id="kc-info" class="${properties.kcLoginMainFooterBand!} ${properties.kcFormClass}">
                      <div id="kc-info-wrapper" class="${properties.kcLoginMainFooterBandItem!}">
                          <#nested "info">
                      </div>
                  </div>
              </#if>
          </div>
      </div>

      <footer class="${properties.kcLoginMainFooter!} einlass-footer">
          <#if einlassSupport?has_content>
            <p id="einlass-support">${msg("einlass.theme.help")}
              <#if einlassSupport?contains("@")><a href="mailto:${einlassSupport}">${einlassSupport}</a>
              <#elseif einlassSupport?starts_with("https://")><a href="${einlassSupport}" rel="noopener">${einlassSupport}</a>
              <#else>${einlassSupport}</#if>
            </p>
          </#if>
          <@loginFooter.content/>
      </footer>
    </main>
  </div>
</div>
</body>
</html>
</#macro>
