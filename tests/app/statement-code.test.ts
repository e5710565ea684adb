/**
 * The statement renderer marks language-dependent code with the languages it is shown for, so
 * the page's stylesheet shows the chosen language's block (and inline names) only.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "../../app/_components/markdown.tsx";
import { exerciseFiles, getExercise } from "../../exercises/registry.ts";
import { pythonNames } from "../../exercises/spec/statement-code.ts";

const render = (source: string, names?: Readonly<Record<string, string>>) => renderToStaticMarkup(createElement(Markdown, { source, pythonNames: names }));

describe("statement code in the chosen language", () => {
  it("wraps each block of a group with the languages it serves; other blocks stay for everyone", () => {
    const html = render("Text.\n\n```ts\nf(1); // → 2\n```\n\n```python\nf(1)  # → 2\n```\n\n```text\nthe same everywhere\n```\n");
    expect(html).toContain('<div data-code-for="typescript javascript" data-code-language="typescript"><pre><code class="language-ts">f(1); // → 2');
    expect(html).toContain('<div data-code-for="python" data-code-language="python"><pre><code class="language-python">f(1)  # → 2');
    expect(html).toMatch(/<p>Text.<\/p>\s*<div data-code-for/);
    expect(html).toMatch(/<\/div>\s*<pre><code class="language-text">the same everywhere/);
  });

  it("gives JavaScript its own block when the group has one", () => {
    const html = render("```ts\nconst a: number = 1;\n```\n```js\nconst a = 1;\n```\n```py\na = 1\n```\n");
    expect(html).toContain('data-code-for="typescript" data-code-language="typescript"');
    expect(html).toContain('data-code-for="javascript" data-code-language="javascript"');
    expect(html).toContain('data-code-for="python" data-code-language="python"');
  });

  it("spells the entry, its parameters and the booleans of inline code as Python does, beside the TypeScript spelling", () => {
    const exercise = getExercise("mlp-parameter-count");
    const html = render(exerciseFiles(exercise.id).statement, pythonNames(exercise.entry, exercise.params));
    expect(html).toContain('<span data-code-for="typescript javascript" data-code-language="typescript"><code>countParameters(layerSizes, includeBias)</code></span>');
    expect(html).toContain('<span data-code-for="python" data-code-language="python"><code>count_parameters(layer_sizes, include_bias)</code></span>');
    expect(html).toContain('<span data-code-for="python" data-code-language="python"><code>False</code></span>');
    // Math names that are not camelCase keep their spelling, and are not doubled.
    const backprop = getExercise("backprop-gradients");
    const gradients = render(exerciseFiles(backprop.id).statement, pythonNames(backprop.entry, backprop.params));
    expect(gradients).toContain("<code>W1</code>");
    expect(gradients).not.toMatch(/data-code-for="python"[^>]*><code>(W1|dW1|d_w1)/);
  });

  it("leaves inline code alone when no names are given", () => {
    expect(render("Call `kmeansStep(points)` with `true`.")).toBe("<p>Call <code>kmeansStep(points)</code> with <code>true</code>.</p>");
  });
});
