<#ftl output_format="plainText">
${msg("einlass.magic-link.mail.greeting-anonymous")}

<#if appName?has_content && appName != realmName>${msg("einlass.register.mail.intro", appName, realmName)}<#else>${msg("einlass.register.mail.intro-realm", realmName)}</#if>

${msg("einlass.register.mail.button")}:
${link}
<#if code??>

${msg("einlass.magic-link.mail.code-intro")} ${code}
</#if>

${msg("einlass.magic-link.mail.validity", validMinutes, validUntil)} ${msg("einlass.magic-link.mail.single-use")}

<#if browserKnown>${msg("einlass.magic-link.mail.requested", browser, os, requestedAt)}<#else>${msg("einlass.magic-link.mail.requested-unknown", requestedAt)}</#if>

${msg("einlass.register.mail.not-you")}
