<#outputformat "plainText">
<#assign requiredActionsText><#if requiredActions??><#list requiredActions><#items as reqActionItem>${msg("requiredAction.${reqActionItem}")}<#sep>, </#sep></#items></#list></#if></#assign>
</#outputformat>
<#-- einlassActivation: set by the Einlass email template provider; false when the account already has credentials -->
<#assign kind=(einlassActivation!true)?then("activation","actions")>
<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("einlass.mail.${kind}.intro", realmName)}</p>
<p>${msg("einlass.mail.${kind}.steps", requiredActionsText)}</p>
<@layout.button href=link label=msg("einlass.mail.${kind}.button")/>
<p><strong>${msg("einlass.mail.valid-for", linkExpirationFormatter(linkExpiration))}</strong></p>
<p style="color:#555555; font-size:14px;">${msg("einlass.mail.${kind}.not-you")}</p>
</@layout.emailLayout>
