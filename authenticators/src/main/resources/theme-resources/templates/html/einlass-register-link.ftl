<#import "template.ftl" as layout>
<@layout.emailLayout>
<div style="font-family: -apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif; font-size: 16px; line-height: 1.5; color: #1f1f1f; max-width: 560px;">
  <p>${msg("einlass.magic-link.mail.greeting-anonymous")}</p>
  <p><#if appName?has_content && appName != realmName>${msg("einlass.register.mail.intro", appName, realmName)}<#else>${msg("einlass.register.mail.intro-realm", realmName)}</#if></p>
  <p style="margin: 24px 0;">
    <a href="${link}" style="display: inline-block; background: #0b5cad; color: #ffffff; text-decoration: none; padding: 12px 24px; border-radius: 6px; font-weight: 600;">${msg("einlass.register.mail.button")}</a>
  </p>
  <#if code??>
  <p>${msg("einlass.magic-link.mail.code-intro")}</p>
  <p style="font-size: 28px; font-weight: 700; letter-spacing: 6px; margin: 8px 0 16px;">${code}</p>
  </#if>
  <p><strong>${msg("einlass.magic-link.mail.validity", validMinutes, validUntil)}</strong> ${msg("einlass.magic-link.mail.single-use")}</p>
  <p style="color: #555555; font-size: 14px;"><#if browserKnown>${msg("einlass.magic-link.mail.requested", browser, os, requestedAt)}<#else>${msg("einlass.magic-link.mail.requested-unknown", requestedAt)}</#if></p>
  <p style="color: #555555; font-size: 14px;">${msg("einlass.magic-link.mail.plain-link")}<br><a href="${link}" style="color: #0b5cad; word-break: break-all;">${link}</a></p>
  <p style="color: #555555; font-size: 14px;">${msg("einlass.register.mail.not-you")}</p>
</div>
</@layout.emailLayout>
