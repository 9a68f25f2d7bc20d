package yamltree

import (
	"errors"
	"fmt"
)

// Sentinel errors wrapped by *Error, for errors.Is.
var (
	// ErrSyntax marks a document that does not parse.
	ErrSyntax = errors.New("invalid YAML")
	// ErrTooManyNodes marks a document whose conversion would produce more
	// values than Options.MaxNodes, typically an alias bomb.
	ErrTooManyNodes = errors.New("too many nodes")
	// ErrAliasCycle marks an alias that refers to a node containing it.
	ErrAliasCycle = errors.New("alias cycle")
	// ErrTooDeep marks a value nested deeper than Options.MaxDepth.
	ErrTooDeep = errors.New("nesting too deep")
	// ErrValue marks a value that cannot be converted, such as "!!int abc",
	// a merge key whose value is not a mapping, or an error of a TagFunc.
	ErrValue = errors.New("invalid value")
)

// Error is a problem at a position of a YAML source.
type Error struct {
	// Line and Column are 1-based; zero when unknown.
	Line, Column int
	// Msg describes the problem.
	Msg string
	// Err is the sentinel or underlying error, for errors.Is and errors.As.
	Err error
}

// Error formats the error as "line L, column C: message".
func (e *Error) Error() string {
	switch {
	case e.Line > 0 && e.Column > 0:
		return fmt.Sprintf("line %d, column %d: %s", e.Line, e.Column, e.Msg)
	case e.Line > 0:
		return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
	}
	return e.Msg
}

// Unwrap returns the wrapped error.
func (e *Error) Unwrap() error { return e.Err }

// Position returns where to report err and what to say: the line, column
// and message of the *Error it wraps (line itself when that error has no
// line), else line, no column and the text of err.
func Position(err error, line int) (int, int, string) {
	var e *Error
	switch {
	case !errors.As(err, &e):
		return line, 0, err.Error()
	case e.Line > 0:
		return e.Line, e.Column, e.Msg
	}
	return line, 0, e.Msg
}
