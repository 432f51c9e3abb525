; Inno Setup 6 script for PA Employer.
; Build first, from the repository root:  pyinstaller installers\pa-employer.spec
; then compile this file (Inno Setup Compiler, or: iscc installers\windows\pa-employer.iss).
; The setup program is written to dist\installer\. Override the version with
;   iscc /DMyAppVersion=0.2.0 installers\windows\pa-employer.iss
; (keep it equal to the version in pyproject.toml).

#ifndef MyAppVersion
  #define MyAppVersion "0.1.0"
#endif
#define MyAppName "PA Employer"
#define MyAppExeName "pa-employer.exe"
#define MyProgId "PAEmployer.EmployerFile"

[Setup]
AppId={{6C1B7E52-3D0A-4F7E-9B7D-5A2E4C8F1A90}
AppName={#MyAppName}
AppVersion={#MyAppVersion}
AppPublisher=PA Employer contributors
DefaultDirName={autopf}\{#MyAppName}
DefaultGroupName={#MyAppName}
DisableProgramGroupPage=yes
; Paths below are relative to the repository root.
SourceDir=..\..
OutputDir=dist\installer
OutputBaseFilename=pa-employer-setup-{#MyAppVersion}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Install for all users (administrator) or only for me, as the user chooses.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ChangesAssociations=yes
UninstallDisplayIcon={app}\{#MyAppExeName}

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "dist\pa-employer\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Registry]
; .paemployer files: "PA Employer employer file", opened by pa-employer.exe.
Root: HKA; Subkey: "Software\Classes\.paemployer"; ValueType: string; ValueName: ""; ValueData: "{#MyProgId}"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.paemployer\OpenWithProgids"; ValueType: string; ValueName: "{#MyProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#MyProgId}"; ValueType: string; ValueName: ""; ValueData: "PA Employer employer file"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#MyProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#MyAppExeName},0"
Root: HKA; Subkey: "Software\Classes\{#MyProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#MyAppExeName}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#MyAppExeName}\SupportedTypes"; ValueType: string; ValueName: ".paemployer"; ValueData: ""

[Icons]
Name: "{group}\{#MyAppName}"; Filename: "{app}\{#MyAppExeName}"
Name: "{group}\Uninstall {#MyAppName}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#MyAppName}"; Filename: "{app}\{#MyAppExeName}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#MyAppExeName}"; Description: "{cm:LaunchProgram,{#MyAppName}}"; Flags: nowait postinstall skipifsilent
