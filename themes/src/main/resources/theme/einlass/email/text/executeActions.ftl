<#ftl output_format="plainText">
<#assign requiredActionsText><#if requiredActions??><#list requiredActions><#items as reqActionItem>${msg("requiredAction.${reqActionItem}")}<#sep>, </#sep></#items></#list></#if></#assign>
<#-- einlassActivation: set by the Einlass email template provider; false when the account already has credentials -->
<#assign kind=(einlassActivation!true)?then("activation","actions")>
${msg("einlass.mail.${kind}.intro", realmName)}

${msg("einlass.mail.${kind}.steps", requiredActionsText)}

${msg("einlass.mail.${kind}.button")}:
${link}

${msg("einlass.mail.valid-for", linkExpirationFormatter(linkExpiration))}

${msg("einlass.mail.${kind}.not-you")}
