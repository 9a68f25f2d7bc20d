package report

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// ErrNoBrowser is returned by Screenshot when no Chromium or Chrome
// executable is on PATH.
var ErrNoBrowser = errors.New("no chromium, chromium-browser or google-chrome on PATH")

// Screenshot window size.
const (
	ScreenshotWidth  = 1280
	ScreenshotHeight = 2400
)

// browserNames are the executables tried, in order.
var browserNames = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"}

// defaultBrowserTimeout bounds a browser run when ctx has no deadline.
const defaultBrowserTimeout = 2 * time.Minute

// FindBrowser returns the path of a headless-capable Chromium or Chrome, or
// ErrNoBrowser.
func FindBrowser() (string, error) {
	for _, name := range browserNames {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", ErrNoBrowser
}

// Screenshot renders the HTML file at htmlPath in headless Chromium and
// writes a PNG of the top ScreenshotWidth×ScreenshotHeight pixels to
// pngPath. The browser runs without network access to anything the page
// does not name (and the HTML report names nothing), in a throwaway
// profile, and is killed when ctx is done (after two minutes when ctx has
// no deadline).
func Screenshot(ctx context.Context, htmlPath, pngPath string) error {
	out, err := filepath.Abs(pngPath)
	if err != nil {
		return fmt.Errorf("screenshot: %w", err)
	}
	if err := os.Remove(out); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("screenshot: %w", err)
	}
	if _, err := runBrowser(ctx, htmlPath,
		"--screenshot="+out,
		fmt.Sprintf("--window-size=%d,%d", ScreenshotWidth, ScreenshotHeight),
		"--hide-scrollbars",
	); err != nil {
		return fmt.Errorf("screenshot: %w", err)
	}
	png, err := os.ReadFile(out)
	if err != nil {
		return fmt.Errorf("screenshot: browser wrote no image: %w", err)
	}
	if !bytes.HasPrefix(png, []byte("\x89PNG\r\n\x1a\n")) {
		return fmt.Errorf("screenshot: %s is not a PNG image", out)
	}
	return nil
}

// runBrowser opens htmlPath in headless Chromium with extra flags and
// returns its standard output.
func runBrowser(ctx context.Context, htmlPath string, extra ...string) ([]byte, error) {
	bin, err := FindBrowser()
	if err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(htmlPath)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(abs); err != nil {
		return nil, err
	}
	profile, err := os.MkdirTemp("", "rampart-chromium-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(profile)

	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, defaultBrowserTimeout)
		defer cancel()
	}
	args := []string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--disable-default-apps", "--disable-extensions", "--disable-dev-shm-usage",
		"--no-default-browser-check", "--mute-audio",
		"--user-data-dir=" + profile,
	}
	args = append(args, extra...)
	args = append(args, (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String())

	cmd := exec.CommandContext(ctx, bin, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.Env = append(os.Environ(), "HOME="+profile)
	killProcessGroup(cmd)
	cmd.WaitDelay = 5 * time.Second
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			err = ctx.Err()
		}
		return nil, fmt.Errorf("%s: %w\n%s", filepath.Base(bin), err, lastLines(stderr.String(), 10))
	}
	return stdout.Bytes(), nil
}

// lastLines keeps the end of a long log.
func lastLines(s string, n int) string {
	lines := bytes.Split(bytes.TrimSpace([]byte(s)), []byte("\n"))
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return string(bytes.Join(lines, []byte("\n")))
}
