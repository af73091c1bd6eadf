<#ftl output_format="plainText">
<#if firstName?has_content>${msg("einlass.magic-link.mail.greeting", firstName)}<#else>${msg("einlass.magic-link.mail.greeting-anonymous")}</#if>

${msg("einlass.recovery-code.mail.intro", realmName)}
<#if recoveryFor?has_content>${msg("einlass.recovery-code.mail.recovery-address", recoveryFor)}
</#if>

${code}

${msg("einlass.recovery-code.mail.validity", validMinutes, validUntil)}

<#if browserKnown>${msg("einlass.magic-link.mail.requested", browser, os, requestedAt)}<#else>${msg("einlass.magic-link.mail.requested-unknown", requestedAt)}</#if>

${msg("einlass.recovery-code.mail.not-you")}
