// Content is embedded in the binary; rebuild when any of it changes.
fn main() {
    println!("cargo::rerun-if-changed=lessons");
    println!("cargo::rerun-if-changed=quizzes");
}
