<#ftl output_format="plainText">
<#if firstName?has_content>${msg("einlass.magic-link.mail.greeting", firstName)}<#else>${msg("einlass.magic-link.mail.greeting-anonymous")}</#if>

${msg(textKey, account, realmName)}

${msg("einlass.notification.when")} ${when}
${msg("einlass.notification.ip")} ${ip}
${msg("einlass.notification.device")} <#if browserKnown>${msg("einlass.notification.browser", browser, os)}<#else>${msg("einlass.notification.browser-unknown")}</#if>

${msg("einlass.notification.if-you")}
${msg("einlass.notification.if-not-you")}
${msg("einlass.notification.button")}: ${securityUrl}

${msg("einlass.notification.automatic")}
