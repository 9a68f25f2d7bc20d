// Package dockerfile normalizes Dockerfiles and Containerfiles (Dockerfile, Containerfile, Dockerfile.<x>, Dockerfile-<x>, <x>.Dockerfile) into one "dockerfile" document per file with one "stage" resource per FROM.
//
// Files are read with buildkit's Dockerfile parser, the one `docker build`
// uses, so parser directives (# escape=, # syntax=), line continuations,
// heredocs, exec (JSON) and shell forms, flags and ONBUILD behave exactly as
// they do in a build. Every stage carries its base image (with the ARGs
// declared before the first FROM substituted), the split image reference and
// its instructions in source order, each with its lines. The document extras
// are the global ARGs, the stage names and the parser directives. The exact
// shape is specified in docs/documents.md, section "dockerfile".
//
// The normalizer checks each instruction the way buildkit's instructions
// package does when it reads a Dockerfile (known instruction, allowed flags,
// argument counts, HEALTHCHECK options, ...). An instruction that fails those
// checks is kept as parsed and reported as an error diagnostic; a line the
// parser itself rejects is reported and skipped, and the rest of the file is
// still read.
package dockerfile
