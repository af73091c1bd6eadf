<#outputformat "plainText">
<#assign requiredActionsText><#if requiredActions??><#list requiredActions><#items as reqActionItem>${msg("requiredAction.${reqActionItem}")}<#sep>, </#sep></#items></#list></#if></#assign>
</#outputformat>
<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("einlass.mail.activation.intro", realmName)}</p>
<p>${msg("einlass.mail.activation.steps", requiredActionsText)}</p>
<@layout.button href=link label=msg("einlass.mail.activation.button")/>
<p><strong>${msg("einlass.mail.valid-for", linkExpirationFormatter(linkExpiration))}</strong></p>
<p style="color:#555555; font-size:14px;">${msg("einlass.mail.activation.not-you")}</p>
</@layout.emailLayout>
