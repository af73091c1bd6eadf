<#-- Einlass mail layout: a plain, branded card that renders in every mail client (inline styles only). -->
<#macro emailLayout>
<html lang="${locale.language}" dir="${(ltr)?then('ltr','rtl')}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="margin:0; padding:0; background:#f2f4f7;">
<table role="presentation" width="100%" cellspacing="0" cellpadding="0" style="background:#f2f4f7;">
  <tr><td align="center" style="padding:24px 12px;">
    <table role="presentation" width="100%" cellspacing="0" cellpadding="0" style="max-width:560px; background:#ffffff; border-top:4px solid ${(properties.einlassPrimaryColor?matches('#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?'))?then(properties.einlassPrimaryColor, '#0b5cad')}; border-radius:6px;">
      <tr><td style="padding:20px 24px 0; font-family:-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif; font-size:18px; font-weight:600; color:#1f2328;">${realmName}</td></tr>
      <tr><td style="padding:8px 24px 24px; font-family:-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif; font-size:16px; line-height:1.5; color:#1f2328;">
        <#nested>
      </td></tr>
    </table>
    <p style="max-width:560px; font-family:Arial, sans-serif; font-size:12px; color:#6b7280; margin:12px auto 0;">${msg("einlass.mail.footer", realmName)}</p>
  </td></tr>
</table>
</body>
</html>
</#macro>

<#-- A button that works in every mail client, with the plain link below it. -->
<#macro button href label>
<p style="margin:24px 0;"><a href="${href}" style="display:inline-block; background:${(properties.einlassPrimaryColor?matches('#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?'))?then(properties.einlassPrimaryColor, '#0b5cad')}; color:#ffffff; text-decoration:none; padding:12px 24px; border-radius:6px; font-weight:600;">${label}</a></p>
<p style="color:#555555; font-size:14px;">${msg("einlass.mail.plain-link")}<br><a href="${href}" style="color:#0b5cad; word-break:break-all;">${href}</a></p>
</#macro>
