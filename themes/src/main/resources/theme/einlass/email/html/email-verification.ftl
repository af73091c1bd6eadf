<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("einlass.mail.verify.intro", realmName)}</p>
<@layout.button href=link label=msg("einlass.mail.verify.button")/>
<p><strong>${msg("einlass.mail.valid-for", linkExpirationFormatter(linkExpiration))}</strong></p>
<p style="color:#555555; font-size:14px;">${msg("einlass.mail.verify.not-you")}</p>
</@layout.emailLayout>
