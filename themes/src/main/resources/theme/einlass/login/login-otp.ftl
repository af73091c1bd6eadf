<#-- Keycloak's OTP form (used by flows without Einlass' own code step): same page as einlass-otp.ftl, without trust. -->
<#include "einlass-otp.ftl">
