<#import "template.ftl" as layout>
<@layout.emailLayout>
<div style="font-family: -apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif; font-size: 16px; line-height: 1.5; color: #1f1f1f; max-width: 560px;">
  <p><#if firstName?has_content>${msg("einlass.magic-link.mail.greeting", firstName)}<#else>${msg("einlass.magic-link.mail.greeting-anonymous")}</#if></p>
  <p>${msg("einlass.recovery-email.mail.intro", address, realmName)}</p>
  <p style="margin: 24px 0;">
    <a href="${link}" style="display: inline-block; background: #0b5cad; color: #ffffff; text-decoration: none; padding: 12px 24px; border-radius: 6px; font-weight: 600;">${msg("einlass.recovery-email.mail.button")}</a>
  </p>
  <p><strong>${msg("einlass.recovery-email.mail.validity", validHours, validUntil)}</strong> ${msg("einlass.recovery-email.mail.single-use")}</p>
  <p style="color: #555555; font-size: 14px;">${msg("einlass.magic-link.mail.plain-link")}<br><a href="${link}" style="color: #0b5cad; word-break: break-all;">${link}</a></p>
  <p style="color: #555555; font-size: 14px;">${msg("einlass.recovery-email.mail.not-you")}</p>
</div>
</@layout.emailLayout>
