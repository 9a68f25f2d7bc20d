// Command screenshot renders an HTML report in headless Chromium and writes
// a PNG, for humans checking how the report looks (`make screenshot`).
package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/rampart-iac/rampart/report"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: screenshot REPORT.html OUT.png")
		os.Exit(2)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := report.Screenshot(ctx, os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "screenshot:", err)
		os.Exit(1)
	}
	fmt.Println(os.Args[2])
}
