package report

import (
	"bytes"
	"context"
	"errors"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestHTMLInBrowser renders the HTML report in headless Chromium and checks
// the DOM the browser built, and that a screenshot comes out. It needs
// chromium on PATH (apt-get install chromium) and is skipped under -short.
func TestHTMLInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser")
	}
	if _, err := FindBrowser(); err != nil {
		t.Skipf("%v: install chromium to run this test", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()

	r := sampleReport()
	dir := t.TempDir()
	page := filepath.Join(dir, "report.html")
	if err := os.WriteFile(page, renderHTML(t, r), 0o644); err != nil {
		t.Fatal(err)
	}

	t.Run("dom", func(t *testing.T) {
		dom, err := runBrowser(ctx, page, "--dump-dom")
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(dom, []byte(`id="executive-summary"`)) {
			t.Fatalf("browser returned no report:\n%.500s", dom)
		}
		checkAgainstJSON(t, parseHTML(t, dom), jsonNumbers(t, r))
	})

	t.Run("screenshot", func(t *testing.T) {
		shot := filepath.Join(dir, "r.png")
		if err := Screenshot(ctx, page, shot); err != nil {
			t.Fatal(err)
		}
		f, err := os.Open(shot)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		info, err := f.Stat()
		if err != nil || info.Size() == 0 {
			t.Fatalf("empty screenshot: %v", err)
		}
		cfg, err := png.DecodeConfig(f)
		if err != nil {
			t.Fatalf("screenshot is not a PNG: %v", err)
		}
		if cfg.Width != ScreenshotWidth || cfg.Height != ScreenshotHeight {
			t.Errorf("screenshot is %dx%d, want %dx%d", cfg.Width, cfg.Height, ScreenshotWidth, ScreenshotHeight)
		}
		if out := os.Getenv("RAMPART_SCREENSHOT"); out != "" {
			data, err := os.ReadFile(shot)
			if err == nil {
				err = os.WriteFile(out, data, 0o644)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
	})
}

func TestScreenshotErrors(t *testing.T) {
	t.Run("no browser", func(t *testing.T) {
		t.Setenv("PATH", t.TempDir())
		err := Screenshot(context.Background(), "report.html", filepath.Join(t.TempDir(), "r.png"))
		if !errors.Is(err, ErrNoBrowser) {
			t.Errorf("err = %v, want ErrNoBrowser", err)
		}
	})
	t.Run("missing page", func(t *testing.T) {
		if _, err := FindBrowser(); err != nil {
			t.Skip(err)
		}
		err := Screenshot(context.Background(), filepath.Join(t.TempDir(), "missing.html"), filepath.Join(t.TempDir(), "r.png"))
		if !errors.Is(err, os.ErrNotExist) {
			t.Errorf("err = %v, want a missing file", err)
		}
	})
}
