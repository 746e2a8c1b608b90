; Inno Setup 6 script: packs the one-folder bundle that `python installer\build.py` makes on Windows
; (build\dist\csgt-console) into build\csgt-console-setup.exe. Reproducible: no timestamps or
; machine paths are baked in beyond the version below; compile with  ISCC.exe installer\windows\csgt-console.iss
; Not built on the project's Linux machines; see README.md beside this file.

#define AppName "Bàn điều hành CSGT"
#define AppVersion "0.1.0"
#define AppExe "csgt-console.exe"

[Setup]
AppId={{6F0B3E43-3C1E-4C1B-9D0E-2E7C6C0F4A11}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=CSGT console contributors
DefaultDirName={autopf}\CSGT Console
DefaultGroupName={#AppName}
OutputDir=..\..\build
OutputBaseFilename=csgt-console-setup
SetupIconFile=..\..\resources\icons\csgt-console.ico
Compression=lzma2/max
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequiredOverridesAllowed=dialog
WizardStyle=modern
UninstallDisplayIcon={app}\{#AppExe}

[Languages]
Name: "vi"; MessagesFile: "compiler:Languages\Vietnamese.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "..\..\build\dist\csgt-console\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{group}\{#AppName} (demo)"; Filename: "{app}\{#AppExe}"; Parameters: "--demo"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Parameters: "--demo"; Description: "{cm:LaunchProgram,{#AppName}} (demo)"; Flags: nowait postinstall skipifsilent
