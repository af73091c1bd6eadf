<#ftl output_format="plainText">
${msg("einlass.mail.reset.intro", realmName)}

${msg("einlass.mail.reset.button")}:
${link}

${msg("einlass.mail.valid-for", linkExpirationFormatter(linkExpiration))}

${msg("einlass.mail.reset.not-you")}
