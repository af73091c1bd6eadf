<#import "template.ftl" as layout>
<@layout.emailLayout>
<div style="font-family: -apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif; font-size: 16px; line-height: 1.5; color: #1f1f1f; max-width: 560px;">
  <p><#if firstName?has_content>${msg("einlass.magic-link.mail.greeting", firstName)}<#else>${msg("einlass.magic-link.mail.greeting-anonymous")}</#if></p>
  <p><strong>${msg(textKey, account, realmName)}</strong></p>
  <table style="font-size: 14px; color: #333333; margin: 16px 0;" role="presentation">
    <tr><td style="padding-right: 16px;">${msg("einlass.notification.when")}</td><td>${when}</td></tr>
    <tr><td style="padding-right: 16px;">${msg("einlass.notification.ip")}</td><td>${ip}</td></tr>
    <tr><td style="padding-right: 16px;">${msg("einlass.notification.device")}</td><td><#if browserKnown>${msg("einlass.notification.browser", browser, os)}<#else>${msg("einlass.notification.browser-unknown")}</#if></td></tr>
  </table>
  <p>${msg("einlass.notification.if-you")}</p>
  <p>${msg("einlass.notification.if-not-you")}</p>
  <p style="margin: 24px 0;">
    <a href="${securityUrl}" style="display: inline-block; background: #0b5cad; color: #ffffff; text-decoration: none; padding: 12px 24px; border-radius: 6px; font-weight: 600;">${msg("einlass.notification.button")}</a>
  </p>
  <p style="color: #555555; font-size: 14px;">${msg("einlass.notification.automatic")}</p>
</div>
</@layout.emailLayout>
