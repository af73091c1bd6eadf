<#ftl output_format="plainText">
<#if firstName?has_content>${msg("einlass.magic-link.mail.greeting", firstName)}<#else>${msg("einlass.magic-link.mail.greeting-anonymous")}</#if>

${msg("einlass.recovery-email.mail.intro", address, realmName)}

${msg("einlass.recovery-email.mail.button")}:
${link}

${msg("einlass.recovery-email.mail.validity", validHours, validUntil)} ${msg("einlass.recovery-email.mail.single-use")}

${msg("einlass.recovery-email.mail.not-you")}
