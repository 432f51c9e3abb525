# build.ps1: build PA Employer's Windows setup program, from the repository root:
#   powershell -ExecutionPolicy Bypass -File installers\windows\build.ps1
# Needs Python 3.11+ (python.org or the runner's) and Inno Setup 6.3+ (choco install innosetup).
# 1. a virtual environment with the program and PyInstaller (.venv-bundle)
# 2. the icons from resources\icons\pa-employer.svg and the one-folder program
#    (installers\pa-employer.spec; the version resource comes from pyproject.toml)
# 3. the smoke test of the command line (installers\linux\smoke-test.sh, in Git Bash)
# 4. the setup program: dist\installer\pa-employer-<version>-windows-x64-setup.exe
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")

$py = if ($env:PYTHON) { $env:PYTHON } else { "python" }
if (-not (Test-Path ".venv-bundle\Scripts\python.exe")) { & $py -m venv .venv-bundle }
$venv = ".venv-bundle\Scripts\python.exe"
& $venv -m pip install --upgrade pip
& $venv -m pip install -e ".[bundle]"
if ($LASTEXITCODE -ne 0) { throw "pip install failed" }

$version = (& $venv installers\version_info.py).Trim()
Write-Host "PA Employer $version"
& $venv -m PyInstaller --noconfirm --clean installers\pa-employer.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }

# Git Bash (Git for Windows; on hosted runners too), not WSL's bash.
$bash = "${env:ProgramFiles}\Git\bin\bash.exe"
if (Test-Path $bash) {
  & $bash installers/linux/smoke-test.sh dist/pa-employer --cli-only
  if ($LASTEXITCODE -ne 0) { throw "smoke test failed" }
}

$iscc = Get-Command iscc -ErrorAction SilentlyContinue
$isccPath = if ($iscc) { $iscc.Source } else { "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" }
& $isccPath "/DMyAppVersion=$version" installers\windows\pa-employer.iss
if ($LASTEXITCODE -ne 0) { throw "Inno Setup failed" }
Get-ChildItem dist\installer
