//! Embeds the default theme (`site/`) and the browser module in the binary, so a council runs
//! one executable.
//!
//! The browser modules are the `hearth-wasm` crate compiled for `wasm32-unknown-unknown` by a
//! nested `cargo build` (in its own target folder, `target/wasm-build`), once per module with
//! that module's feature, each then passed through wasm-bindgen in-process
//! (`wasm-bindgen-cli-support`, pinned to the same version as the `wasm-bindgen` crate so
//! Cargo.lock keeps the two in step). The output lands in `OUT_DIR` and is embedded as
//! `static/wasm/hearth_wasm.js` and `hearth_wasm_bg.wasm` (filter and scenario) and
//! `static/wasm/hearth_search.js` and `hearth_search_bg.wasm` (search).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::{env, fs};

const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// Environment variables of the outer build that must not leak into the nested one.
const LEAKY_ENV: &[&str] = &[
    "CARGO_ENCODED_RUSTFLAGS",
    "RUSTFLAGS",
    "RUSTC_WORKSPACE_WRAPPER",
    "CARGO_TARGET_DIR",
    "CARGO_BUILD_TARGET",
    "CARGO_PRIMARY_PACKAGE",
    "CARGO_MANIFEST_DIR",
    "CARGO_MANIFEST_PATH",
    "CARGO_PKG_NAME",
    "CARGO_CRATE_NAME",
    "CARGO_BUILD_RUSTFLAGS",
    "CARGO_PROFILE_RELEASE_DEBUG",
    "DEBUG",
    "OPT_LEVEL",
    "PROFILE",
    "TARGET",
    "HOST",
    "OUT_DIR",
    "NUM_JOBS",
];

fn run(cmd: &mut Command) -> Result<std::process::Output, String> {
    cmd.output()
        .map_err(|e| format!("cannot run {:?}: {e}", cmd.get_program()))
}

/// Make sure the wasm32 standard library is installed; install it with rustup if not.
fn ensure_wasm_target(rustc: &str) -> Result<(), String> {
    let out = run(Command::new(rustc).args(["--print", "sysroot"]))?;
    let sysroot = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    if sysroot.join("lib/rustlib").join(WASM_TARGET).exists() {
        return Ok(());
    }
    println!(
        "cargo:warning=installing the {WASM_TARGET} target with rustup (needed for the browser module)"
    );
    let status = Command::new("rustup")
        .args(["target", "add", WASM_TARGET])
        .status()
        .map_err(|e| format!("the {WASM_TARGET} target is missing and rustup could not be run ({e}); install it with: rustup target add {WASM_TARGET}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "could not install the {WASM_TARGET} target; run: rustup target add {WASM_TARGET}"
        ))
    }
}

/// The browser modules: the `hearth-wasm` feature each is built with, the Cargo profile (see
/// the workspace Cargo.toml: filter and scenario for size, search for speed) and its file
/// name (the wasm-bindgen glue `static/wasm/NAME.js` and the binary
/// `static/wasm/NAME_bg.wasm`). Each page loads only the module it uses.
const MODULES: &[(&str, &str, &str)] = &[
    ("filter-scenario", "wasm-release-small", "hearth_wasm"),
    ("search", "wasm-release", "hearth_search"),
];

/// Build the browser modules and run wasm-bindgen on each; returns the generated files.
fn build_wasm(workspace: &Path, out_dir: &Path) -> Result<Vec<(String, PathBuf)>, String> {
    let cargo = env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let rustc = env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    ensure_wasm_target(&rustc)?;
    let target_dir = env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace.join("target"))
        .join("wasm-build");
    let dest = out_dir.join("wasm");
    let _ = fs::remove_dir_all(&dest);
    fs::create_dir_all(&dest).map_err(|e| format!("cannot create {}: {e}", dest.display()))?;
    let mut files = Vec::new();
    for (feature, profile, name) in MODULES {
        let mut cmd = Command::new(&cargo);
        cmd.current_dir(workspace)
            .args([
                "build",
                "-p",
                "hearth-wasm",
                "--lib",
                "--target",
                WASM_TARGET,
                "--no-default-features",
                "--features",
                feature,
            ])
            .args(["--profile", profile, "--target-dir"])
            .arg(&target_dir);
        for var in LEAKY_ENV {
            cmd.env_remove(var);
        }
        let out = run(&mut cmd)?;
        if !out.status.success() {
            return Err(format!(
                "building the browser module {name} failed:\n{}",
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        let wasm = target_dir
            .join(WASM_TARGET)
            .join(profile)
            .join("hearth_wasm.wasm");
        wasm_bindgen_cli_support::Bindgen::new()
            .input_path(&wasm)
            .out_name(name)
            .web(true)
            .map_err(|e| e.to_string())?
            .omit_default_module_path(false)
            .typescript(false)
            .remove_name_section(true)
            .remove_producers_section(true)
            .generate(&dest)
            .map_err(|e| format!("wasm-bindgen failed on {}: {e}", wasm.display()))?;
        for file in [format!("{name}.js"), format!("{name}_bg.wasm")] {
            let path = dest.join(&file);
            if !path.exists() {
                return Err(format!("wasm-bindgen did not write {}", path.display()));
            }
            files.push((format!("static/wasm/{file}"), path));
        }
    }
    Ok(files)
}

fn walk(dir: &Path, base: &Path, out: &mut Vec<(String, PathBuf)>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            walk(&path, base, out);
        } else if let Ok(rel) = path.strip_prefix(base) {
            let rel = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().to_string())
                .collect::<Vec<_>>()
                .join("/");
            out.push((rel, path));
        }
    }
}

fn main() {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let workspace = manifest.join("..");
    let site = workspace.join("site");
    println!("cargo:rerun-if-changed={}", site.display());
    for watched in ["model", "wasm", "Cargo.lock", "Cargo.toml"] {
        println!(
            "cargo:rerun-if-changed={}",
            workspace.join(watched).display()
        );
    }
    let mut files = Vec::new();
    walk(&site, &site, &mut files);
    let out_dir = PathBuf::from(env::var("OUT_DIR").unwrap_or_default());
    // A fuzzing build (`cargo fuzz`, which passes `--cfg fuzzing` on a nightly toolchain that
    // has no wasm32 target) exercises loading and rendering only: it embeds empty files in
    // place of the browser modules, so the pages' links to them (preloads) still resolve.
    if env::var_os("CARGO_CFG_FUZZING").is_none() {
        match build_wasm(&workspace, &out_dir) {
            Ok(wasm) => files.extend(wasm),
            Err(e) => panic!("{e}"),
        }
    } else {
        let dest = out_dir.join("wasm-placeholders");
        if let Err(e) = fs::create_dir_all(&dest) {
            panic!("cannot create {}: {e}", dest.display());
        }
        for (_, _, name) in MODULES {
            for file in [format!("{name}.js"), format!("{name}_bg.wasm")] {
                let path = dest.join(&file);
                if let Err(e) = fs::write(&path, b"") {
                    panic!("cannot write {}: {e}", path.display());
                }
                files.push((format!("static/wasm/{file}"), path));
            }
        }
    }
    let mut code = String::from(
        "/// The default theme, embedded: (path under site/, bytes).\npub static EMBEDDED: &[(&str, &[u8])] = &[\n",
    );
    for (rel, path) in &files {
        let abs = fs::canonicalize(path).unwrap_or_else(|_| path.clone());
        let _ = writeln!(
            code,
            "    ({rel:?}, include_bytes!({:?})),",
            abs.display().to_string()
        );
    }
    code.push_str("];\n");
    let out = out_dir.join("site_files.rs");
    if let Err(e) = fs::write(&out, code) {
        panic!("cannot write {}: {e}", out.display());
    }
}
