//! Source text to a tree: the tokenizer, the parser and the tree they build, where every
//! node carries its line. Nothing here runs code.

pub mod ast;
mod consts;
pub(crate) mod lexer;
pub(crate) mod parser;
pub(crate) mod scope;

use crate::python::PyError;

pub use ast::Module;

/// Parses a module.
pub fn parse_module(source: &str) -> Result<Module, PyError> {
    parser::parse(source)
}

/// Parses code the simulator writes itself (see [`parser::parse_generated`]).
pub(crate) fn parse_generated(source: &str) -> Result<Module, PyError> {
    parser::parse_generated(source)
}

/// Whether `source` is a complete statement (no open block or bracket), as an interactive
/// prompt decides when to stop asking for more lines.
pub fn is_complete(source: &str) -> bool {
    parser::is_complete(source)
}
