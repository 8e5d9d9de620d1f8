# Builds the Windows app-image and installer (.msi by default) of RePaint Studio with jlink and
# jpackage, from the same jpackage.cfg as Linux and macOS.
#
#   powershell -ExecutionPolicy Bypass -File installer\build-windows.ps1            # app-image + .msi
#   powershell -ExecutionPolicy Bypass -File installer\build-windows.ps1 -Type exe  # app-image + .exe
#   powershell -ExecutionPolicy Bypass -File installer\build-windows.ps1 -AppImageOnly
#
# Needs: a JDK 17+ with jmods (e.g. Temurin 17; JAVA_HOME set or java on PATH), Maven, the WiX
# Toolset 3.x on PATH for .msi/.exe (candle.exe, light.exe), and the default model in
# models\photo-64. Environment: MVN_ARGS (extra Maven arguments), SKIP_MAVEN=1, ALLOW_NO_MODEL=1,
# as in build-linux.sh.
# Output: target\jpackage\image\RePaint Studio\ and target\jpackage\dist\RePaint Studio-<version>.msi
#
# Not run in this project's CI or on its Linux build machine: see installer\README.md.
param(
    [ValidateSet('msi', 'exe')] [string] $Type = 'msi',
    [switch] $AppImageOnly,
    # The GPU variant (mvn -Pcuda, onnxruntime_gpu): needs the CUDA 12 runtime and cuDNN 9 on the
    # user's machine. Untested: this project has no Windows machine and no GPU.
    [switch] $Cuda
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$Root = (Resolve-Path (Join-Path $PSScriptRoot '..')).Path
Set-Location $Root

function Say($msg) { Write-Host "`n== $msg" }
function Die($msg) { Write-Error "Error: $msg"; exit 1 }
function Run($exe, [string[]] $argv) {
    & $exe @argv
    if ($LASTEXITCODE -ne 0) { Die "$exe failed with exit code $LASTEXITCODE" }
}

# --- JDK ------------------------------------------------------------------------------------
if ($env:JAVA_HOME) { $Jdk = $env:JAVA_HOME }
else {
    $java = (Get-Command java -ErrorAction SilentlyContinue)
    if (-not $java) { Die 'no JDK: install a JDK 17 (e.g. Temurin) and set JAVA_HOME' }
    $Jdk = Split-Path (Split-Path $java.Source)
}
foreach ($tool in 'java', 'jlink', 'jpackage', 'jdeps', 'jar') {
    if (-not (Test-Path "$Jdk\bin\$tool.exe")) { Die "$Jdk\bin\$tool.exe not found (set JAVA_HOME to a JDK 17+)" }
}
if (-not (Test-Path "$Jdk\jmods")) { Die "$Jdk\jmods is missing; jlink needs a JDK with jmods" }
if (-not $AppImageOnly -and -not (Get-Command candle.exe -ErrorAction SilentlyContinue)) {
    Die 'WiX Toolset 3 (candle.exe, light.exe) is not on PATH; install it or use -AppImageOnly'
}
$OrtPlatform = 'win-x64'
if ($env:PROCESSOR_ARCHITECTURE -ne 'AMD64') { Die "no ONNX Runtime build for $($env:PROCESSOR_ARCHITECTURE) in the jar" }

$Out = Join-Path $Root 'target\jpackage'
$Cfg = Join-Path $Out 'jpackage.cfg'

# --- Application jar and libraries ----------------------------------------------------------
if ($env:SKIP_MAVEN -ne '1') {
    Say 'Maven package'
    $env:JAVA_HOME = $Jdk
    $mvnArgs = @('-B', '-q', '-DskipTests')
    if ($Cuda) { $mvnArgs += '-Pcuda' }
    if ($env:MVN_ARGS) { $mvnArgs += $env:MVN_ARGS -split ' ' }
    Run 'mvn' ($mvnArgs + 'package')
}
if (-not (Test-Path 'target\repaint-studio.jar') -or -not (Test-Path $Cfg)) { Die 'target\repaint-studio.jar or the filtered jpackage.cfg is missing' }
$Version = (Select-String -Path $Cfg -Pattern '^--app-version "(.*)"$').Matches[0].Groups[1].Value

if (-not (Test-Path 'models\photo-64\model.onnx')) {
    if ($env:ALLOW_NO_MODEL -ne '1') { Die 'models\photo-64\model.onnx is missing (see installer\README.md) or set ALLOW_NO_MODEL=1' }
    Write-Warning 'packaging without the default model'
}

foreach ($d in 'input', 'runtime', 'image', 'dist', 'tmp') {
    if (Test-Path "$Out\$d") { Remove-Item -Recurse -Force "$Out\$d" }
}
New-Item -ItemType Directory -Force "$Out\input\lib", "$Out\tmp" | Out-Null

Say "Staging the app folder (JavaFX goes into the runtime, ONNX Runtime keeps $OrtPlatform only)"
Copy-Item 'target\repaint-studio.jar' "$Out\input\"
$JavaFxJars = @()
foreach ($jar in Get-ChildItem 'target\lib\*.jar') {
    switch -Wildcard ($jar.Name) {
        'javafx-*-win.jar' { $JavaFxJars += $jar.FullName; break }   # modules for jlink
        'javafx-*' { break }                                           # empty placeholder jars
        'onnxruntime*' { Run "$Jdk\bin\java.exe" @('installer\tools\StripNatives.java', $jar.FullName, "$Out\input\lib\$($jar.Name)", $OrtPlatform); break }
        default { Copy-Item $jar.FullName "$Out\input\lib\" }
    }
}
if ($JavaFxJars.Count -eq 0) { Die 'no javafx-*-win.jar in target\lib (build on Windows so Maven picks the win classifier)' }
if (Test-Path 'models') {
    New-Item -ItemType Directory -Force "$Out\input\models" | Out-Null
    Get-ChildItem 'models' -Directory | ForEach-Object { Copy-Item -Recurse $_.FullName "$Out\input\models\" }
}

# --- Runtime image (the same modules as build-linux.sh; see the reasons there) ---------------
$Modules = 'java.base,java.desktop,java.logging,java.net.http,java.sql,java.xml,jdk.unsupported,jdk.unsupported.desktop,jdk.crypto.ec,javafx.controls,javafx.swing'
Say 'jlink'
$ModulePath = (@("$Jdk\jmods") + $JavaFxJars) -join ';'
Run "$Jdk\bin\jlink.exe" @('--module-path', $ModulePath, '--add-modules', $Modules,
    '--strip-debug', '--no-header-files', '--no-man-pages',
    '--exclude-resources=regex:/javafx\.[a-z]+/[^/]+\.dll', '--output', "$Out\runtime")
# JavaFX's DLLs go where a jlinked JavaFX keeps them: runtime\bin.
Add-Type -AssemblyName System.IO.Compression.FileSystem
foreach ($jar in $JavaFxJars) {
    $zip = [System.IO.Compression.ZipFile]::OpenRead($jar)
    try {
        foreach ($e in $zip.Entries | Where-Object { $_.FullName -match '^[^/]+\.dll$' }) {
            [System.IO.Compression.ZipFileExtensions]::ExtractToFile($e, "$Out\runtime\bin\$($e.Name)", $true)
        }
    } finally { $zip.Dispose() }
}
if (-not (Test-Path "$Out\runtime\bin\glass.dll")) { Die 'JavaFX glass.dll did not reach runtime\bin' }
Run "$Out\runtime\bin\java.exe" @('-Xshare:dump')   # the class data sharing archive jlink leaves out

# --- App image and installer ----------------------------------------------------------------
Say 'jpackage app-image'
Run "$Jdk\bin\jpackage.exe" @('--type', 'app-image', "@$Cfg", '@installer\windows\app-image.cfg',
    '--input', "$Out\input", '--runtime-image', "$Out\runtime", '--dest', "$Out\image")
$App = "$Out\image\RePaint Studio"
Run "$App\repaint-studio-cli.exe" @('--version')

if (-not $AppImageOnly) {
    Say "jpackage $Type"
    Run "$Jdk\bin\jpackage.exe" @('--type', $Type, "@$Cfg", '@installer\windows\app-image.cfg',
        '@installer\windows\package.cfg', '--input', "$Out\input", '--runtime-image', "$Out\runtime",
        '--dest', "$Out\dist")
}

Say "Done: RePaint Studio $Version"
$size = (Get-ChildItem -Recurse $App | Measure-Object -Sum Length).Sum
Write-Host ("app-image {0}: {1:N1} MB" -f $App, ($size / 1MB))
if (-not $AppImageOnly) {
    Get-ChildItem "$Out\dist" | ForEach-Object { Write-Host ("{0}: {1:N1} MB" -f $_.Name, ($_.Length / 1MB)) }
}
