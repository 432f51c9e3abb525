; Inno Setup 6.3+ script for PA Employer: a per-user setup program (no administrator rights).
; Build with installers\windows\build.ps1, which runs, from the repository root:
;   pyinstaller installers\pa-employer.spec        (the one-folder program in dist\pa-employer\)
;   iscc /DMyAppVersion=<version from pyproject.toml> installers\windows\pa-employer.iss
; The version is never written here: it comes from pyproject.toml through the build script
; (python installers\version_info.py). The setup program is written to dist\installer\.

#ifndef MyAppVersion
  #error Pass the version from pyproject.toml: iscc /DMyAppVersion=X.Y.Z (build.ps1 does this)
#endif
#define MyAppName "PA Employer"
#define MyAppExeName "pa-employer.exe"
#define MyProgId "PAEmployer.EmployerFile"

[Setup]
AppId={{6C1B7E52-3D0A-4F7E-9B7D-5A2E4C8F1A90}
AppName={#MyAppName}
AppVersion={#MyAppVersion}
AppVerName={#MyAppName} {#MyAppVersion}
VersionInfoVersion={#MyAppVersion}
VersionInfoProductVersion={#MyAppVersion}
AppPublisher=PA Employer contributors
; For the current user only, without administrator rights: the program goes in
; %LOCALAPPDATA%\Programs\PA Employer, the file association in HKEY_CURRENT_USER.
PrivilegesRequired=lowest
DefaultDirName={userpf}\{#MyAppName}
DefaultGroupName={#MyAppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
; Paths below are relative to the repository root.
SourceDir=..\..
OutputDir=dist\installer
OutputBaseFilename=pa-employer-{#MyAppVersion}-windows-x64-setup
SetupIconFile=build\icons\pa-employer.ico
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
UninstallDisplayIcon={app}\{#MyAppExeName}
UninstallDisplayName={#MyAppName}
; Installing over a running copy: ask to close it (the employer file is saved as it goes).
CloseApplications=yes
LicenseFile=LICENSE

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; Only the program folder. Employer files, backups and settings live elsewhere (the user's
; documents and %LOCALAPPDATA%\PA Employer) and are never installed or removed by this script.
Source: "dist\pa-employer\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Registry]
; .paemployer files (Windows matches extensions in any letter case: JEAN.PAEMPLOYER too):
; "PA Employer employer file", opened by pa-employer.exe. Removed again on uninstall.
Root: HKCU; Subkey: "Software\Classes\.paemployer"; ValueType: string; ValueName: ""; ValueData: "{#MyProgId}"; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\.paemployer\OpenWithProgids"; ValueType: string; ValueName: "{#MyProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\{#MyProgId}"; ValueType: string; ValueName: ""; ValueData: "PA Employer employer file"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\{#MyProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#MyAppExeName},0"
Root: HKCU; Subkey: "Software\Classes\{#MyProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#MyAppExeName}"" ""%1"""
Root: HKCU; Subkey: "Software\Classes\Applications\{#MyAppExeName}\SupportedTypes"; ValueType: string; ValueName: ".paemployer"; ValueData: ""; Flags: uninsdeletekey

[Icons]
Name: "{group}\{#MyAppName}"; Filename: "{app}\{#MyAppExeName}"
Name: "{group}\Uninstall {#MyAppName}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#MyAppName}"; Filename: "{app}\{#MyAppExeName}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#MyAppExeName}"; Description: "{cm:LaunchProgram,{#MyAppName}}"; Flags: nowait postinstall skipifsilent
