<#ftl output_format="plainText">
<#if firstName?has_content>${msg("einlass.magic-link.mail.greeting", firstName)}<#else>${msg("einlass.magic-link.mail.greeting-anonymous")}</#if>

${msg("einlass.reset.mail.intro", realmName)}
<#if recoveryFor?has_content>${msg("einlass.reset.mail.recovery-address", recoveryFor)}
</#if>
${msg("einlass.reset.mail.button")}:
${link}
<#if code??>

${msg("einlass.reset.mail.code-intro")} ${code}
</#if>

${msg("einlass.magic-link.mail.validity", validMinutes, validUntil)} ${msg("einlass.magic-link.mail.single-use")}
${msg("einlass.reset.mail.second-factor")}

<#if browserKnown>${msg("einlass.magic-link.mail.requested", browser, os, requestedAt)}<#else>${msg("einlass.magic-link.mail.requested-unknown", requestedAt)}</#if>

${msg("einlass.reset.mail.not-you")}
