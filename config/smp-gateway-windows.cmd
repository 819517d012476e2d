@echo off
rem The gateway as a Windows service, in front of IIS on the same server or another one. Run as Administrator.
rem 1. Publish on a build machine (config/publish.sh windows 'C:\smp-gateway'), copy the folder to C:\smp-gateway.
rem 2. Put the configuration in C:\ProgramData\smp-gateway\gateway.json (Gateway:DataDirectory under that folder);
rem    `C:\smp-gateway\gateway.exe check-config --config C:\ProgramData\smp-gateway\gateway.json` must print no problem.
rem 3. Secrets and OTEL_* variables: the service's environment (HKLM\SYSTEM\CurrentControlSet\Services\smp-gateway,
rem    multi-string value Environment), e.g. SMPGW_Gateway__Enrollment__Secret=...
rem The gateway reports its start and stop to the service manager (Microsoft.Extensions.Hosting.WindowsServices) and
rem logs to the Application event log as well as the console.

sc.exe create smp-gateway binPath= "\"C:\smp-gateway\gateway.exe\" --config \"C:\ProgramData\smp-gateway\gateway.json\"" start= delayed-auto obj= "NT AUTHORITY\LocalService" DisplayName= "SMP agent-token gateway"
sc.exe description smp-gateway "SMP agent-token gateway: key-bound tokens in front of the legacy servers."
rem Restart after 5 s, every time, and never give up: Redis or the directory may come up after this server.
sc.exe failure smp-gateway reset= 86400 actions= restart/5000/restart/5000/restart/5000
sc.exe failureflag smp-gateway 1
sc.exe start smp-gateway
rem Remove: sc.exe stop smp-gateway ^& sc.exe delete smp-gateway
