<#ftl output_format="plainText">
${msg("einlass.mail.verify.intro", realmName)}

${msg("einlass.mail.verify.button")}:
${link}

${msg("einlass.mail.valid-for", linkExpirationFormatter(linkExpiration))}

${msg("einlass.mail.verify.not-you")}
