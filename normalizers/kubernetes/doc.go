// Package kubernetes normalizes Kubernetes manifests (.yaml, .yml and .json files whose top level has apiVersion and kind: multi-document YAML, JSON objects, List kinds and kubectl get -o yaml|json output) into one "kubernetes" document per file with one resource per object.
//
// The exact shape is specified in docs/documents.md, section "kubernetes".
// Every object of the file becomes a resource: each document of a
// multi-document YAML stream, a JSON object, and each item of a "List" (or
// any "*List" kind with an items array, as kubectl get prints). A resource's
// type is the object's kind, its config the whole object as written, its
// address "<Kind>/<namespace>/<name>" or "<Kind>/<name>" (metadata.name, else
// metadata.generateName, else "<Kind>[<n>]" with n the 0-based position of
// the object among the resources of the file), made unique in the file by
// appending "#2", "#3", ... Items of a typed list ("PodList") that omit kind
// take it from the list ("Pod").
//
// Files are read with go.yaml.in/yaml/v3, JSON included (valid JSON the YAML
// parser rejects, such as keys over 1024 characters or "\/" escapes, is read
// again with encoding/json), so every resource knows its lines and
// Resource.Lines places any attribute path. Scalars are
// resolved as Kubernetes reads them (sigs.k8s.io/yaml, a YAML 1.1 reader): on
// top of the YAML 1.2 core schema, unquoted y/n, yes/no and on/off are
// booleans. Anchors, aliases (within a node budget that stops alias bombs) and
// merge keys are honoured; custom tags are ignored and the value kept.
//
// A document that does not parse is an error diagnostic with its line; the
// other documents of the file are still returned. A document that is not an
// object with apiVersion and kind is skipped with a warning, and a key
// repeated in one mapping (the last value wins) is a warning too.
package kubernetes
