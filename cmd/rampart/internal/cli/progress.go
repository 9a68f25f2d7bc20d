package cli

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// progressMinFiles is the number of files from which a scan shows progress.
const progressMinFiles = 200

// progressBar returns a scan progress callback that draws a bar on w (a
// terminal), at most ten times a second, and clears it when done.
func progressBar(w io.Writer) func(done, total int) {
	var last time.Time
	return func(done, total int) {
		if total < progressMinFiles {
			return
		}
		if done < total && time.Since(last) < 100*time.Millisecond {
			return
		}
		last = time.Now()
		const width = 30
		filled := width * done / total
		fmt.Fprintf(w, "\r rampart: reading files [%s%s] %d/%d", strings.Repeat("#", filled), strings.Repeat(".", width-filled), done, total)
		if done == total {
			fmt.Fprint(w, "\r\x1b[K")
		}
	}
}
