<#ftl output_format="plainText">
<#assign requiredActionsText><#if requiredActions??><#list requiredActions><#items as reqActionItem>${msg("requiredAction.${reqActionItem}")}<#sep>, </#sep></#items></#list></#if></#assign>
${msg("einlass.mail.activation.intro", realmName)}

${msg("einlass.mail.activation.steps", requiredActionsText)}

${msg("einlass.mail.activation.button")}:
${link}

${msg("einlass.mail.valid-for", linkExpirationFormatter(linkExpiration))}

${msg("einlass.mail.activation.not-you")}
