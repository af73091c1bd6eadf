<#ftl output_format="plainText">
<#if firstName?has_content>${msg("einlass.magic-link.mail.greeting", firstName)}<#else>${msg("einlass.magic-link.mail.greeting-anonymous")}</#if>

<#if appName?has_content && appName != realmName>${msg("einlass.magic-link.mail.intro", appName, realmName)}<#else>${msg("einlass.magic-link.mail.intro-realm", realmName)}</#if>

${msg("einlass.magic-link.mail.button")}:
${link}
<#if code??>

${msg("einlass.magic-link.mail.code-intro")} ${code}
</#if>

${msg("einlass.magic-link.mail.validity", validMinutes, validUntil)} ${msg("einlass.magic-link.mail.single-use")}

<#if browserKnown>${msg("einlass.magic-link.mail.requested", browser, os, requestedAt)}<#else>${msg("einlass.magic-link.mail.requested-unknown", requestedAt)}</#if>

${msg("einlass.magic-link.mail.not-you")}
