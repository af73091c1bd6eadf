<#import "template.ftl" as layout>
<@layout.emailLayout>
<div style="font-family: -apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif; font-size: 16px; line-height: 1.5; color: #1f1f1f; max-width: 560px;">
  <p><#if firstName?has_content>${msg("einlass.magic-link.mail.greeting", firstName)}<#else>${msg("einlass.magic-link.mail.greeting-anonymous")}</#if></p>
  <p>${msg("einlass.recovery-code.mail.intro", realmName)}</p>
  <#if recoveryFor?has_content><p>${msg("einlass.recovery-code.mail.recovery-address", recoveryFor)}</p></#if>
  <p style="font-size: 28px; font-weight: 700; letter-spacing: 6px; margin: 16px 0;">${code}</p>
  <p><strong>${msg("einlass.recovery-code.mail.validity", validMinutes, validUntil)}</strong></p>
  <p style="color: #555555; font-size: 14px;"><#if browserKnown>${msg("einlass.magic-link.mail.requested", browser, os, requestedAt)}<#else>${msg("einlass.magic-link.mail.requested-unknown", requestedAt)}</#if></p>
  <p style="color: #555555; font-size: 14px;">${msg("einlass.recovery-code.mail.not-you")}</p>
</div>
</@layout.emailLayout>
