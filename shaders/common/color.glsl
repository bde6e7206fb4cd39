// Colour helpers: HSV conversion and the blend modes Composite offers.
#ifndef LOOM_COLOR_GLSL
#define LOOM_COLOR_GLSL

vec3 loom_rgb_to_hsv(vec3 c) {
    float mx = max(c.r, max(c.g, c.b));
    float mn = min(c.r, min(c.g, c.b));
    float d = mx - mn;
    float h = 0.0;
    if (d > 1e-6) {
        if (mx == c.r)
            h = mod((c.g - c.b) / d, 6.0);
        else if (mx == c.g)
            h = (c.b - c.r) / d + 2.0;
        else
            h = (c.r - c.g) / d + 4.0;
        h /= 6.0;
    }
    float s = mx > 1e-6 ? d / mx : 0.0;
    return vec3(h, s, mx);
}

// Relative luminance of a linear colour (Rec. 709 weights).
float loom_luminance(vec3 c) { return dot(c, vec3(0.2126, 0.7152, 0.0722)); }

vec3 loom_hsv_to_rgb(vec3 hsv) {
    vec3 k = mod(vec3(5.0, 3.0, 1.0) + hsv.x * 6.0, 6.0);
    return hsv.z - hsv.z * hsv.y * clamp(min(k, 4.0 - k), 0.0, 1.0);
}

const int LOOM_BLEND_OVER = 0;
const int LOOM_BLEND_ADD = 1;
const int LOOM_BLEND_MULTIPLY = 2;
const int LOOM_BLEND_SCREEN = 3;
const int LOOM_BLEND_OVERLAY = 4;
const int LOOM_BLEND_DIFFERENCE = 5;
const int LOOM_BLEND_LIGHTEN = 6;
const int LOOM_BLEND_DARKEN = 7;
const int LOOM_BLEND_HARD_LIGHT = 8;
const int LOOM_BLEND_SOFT_LIGHT = 9;
const int LOOM_BLEND_COLOR_DODGE = 10;
const int LOOM_BLEND_COLOR_BURN = 11;
const int LOOM_BLEND_SUBTRACT = 12;
const int LOOM_BLEND_DIVIDE = 13;

// Soft light as a smooth version of overlay (the W3C compositing formula).
vec3 loom_soft_light(vec3 a, vec3 b) {
    vec3 d = mix(sqrt(a), ((16.0 * a - 12.0) * a + 4.0) * a, step(a, vec3(0.25)));
    return mix(a + (2.0 * b - 1.0) * (d - a), a - (1.0 - 2.0 * b) * a * (1.0 - a), step(b, vec3(0.5)));
}

// Loom's images hold premultiplied alpha: rgb is already multiplied by a, so filtering, blurring
// and resampling against a transparent border mix colours correctly (no dark fringes).
// Colours given to operators (parameters) are straight; a shader premultiplies them.
vec4 loom_premultiply(vec4 straight) { return vec4(straight.rgb * straight.a, straight.a); }

// The straight colour of a premultiplied pixel, for operations that act on colour itself (hue,
// levels, thresholds). A pixel with no alpha keeps its rgb (premultiplying it again gives 0);
// alpha above 1 (sums of layers) counts as 1.
vec4 loom_unpremultiply(vec4 c) { return c.a > 0.0 && c.a < 1.0 ? vec4(c.rgb / c.a, c.a) : c; }

// A straight `color` covering `coverage` of the pixel, over the premultiplied `dst`.
vec4 loom_over(vec4 dst, vec4 color, float coverage) {
    float a = color.a * coverage;
    return vec4(color.rgb * a, a) + dst * (1.0 - a);
}

// Blends layer `src` onto `dst`, both premultiplied, with the W3C compositing model: the mode
// decides the colour where both are present (from their straight colours), each layer shows
// as it is where the other is absent, and alpha is src over dst. `opacity` scales src.
vec4 loom_blend(vec4 dst, vec4 src_in, int mode, float opacity) {
    vec4 src = src_in * clamp(opacity, 0.0, 1.0);
    float da = clamp(dst.a, 0.0, 1.0), sa = clamp(src.a, 0.0, 1.0);
    // Over is src + dst (1 - sa) and Add is src + dst exactly, whatever the alphas.
    if (mode == LOOM_BLEND_OVER) return src + dst * (1.0 - sa);
    if (mode == LOOM_BLEND_ADD) return vec4(src.rgb + dst.rgb, sa + da * (1.0 - sa));
    vec3 a = loom_unpremultiply(dst).rgb, b = loom_unpremultiply(src).rgb, c;
    // Screen and overlay are defined on [0, 1]; HDR values beyond it would fold back.
    if (mode == LOOM_BLEND_SCREEN || mode == LOOM_BLEND_OVERLAY || (mode >= LOOM_BLEND_HARD_LIGHT && mode <= LOOM_BLEND_COLOR_BURN)) {
        a = clamp(a, 0.0, 1.0);
        b = clamp(b, 0.0, 1.0);
    }
    if (mode == LOOM_BLEND_MULTIPLY)
        c = a * b;
    else if (mode == LOOM_BLEND_SCREEN)
        c = a + b - a * b;
    else if (mode == LOOM_BLEND_OVERLAY)
        c = mix(2.0 * a * b, 1.0 - 2.0 * (1.0 - a) * (1.0 - b), step(0.5, a));
    else if (mode == LOOM_BLEND_DIFFERENCE)
        c = abs(a - b);
    else if (mode == LOOM_BLEND_LIGHTEN)
        c = max(a, b);
    else if (mode == LOOM_BLEND_DARKEN)
        c = min(a, b);
    else if (mode == LOOM_BLEND_HARD_LIGHT)  // overlay with the layers' roles swapped
        c = mix(2.0 * a * b, 1.0 - 2.0 * (1.0 - a) * (1.0 - b), step(0.5, b));
    else if (mode == LOOM_BLEND_SOFT_LIGHT)
        c = loom_soft_light(a, b);
    else if (mode == LOOM_BLEND_COLOR_DODGE)  // a / (1 - b); white where b is 1 (black stays black)
        c = mix(min(a / max(1.0 - b, 1e-6), vec3(1.0)), vec3(1.0), step(1.0, b) * step(1e-6, a));
    else if (mode == LOOM_BLEND_COLOR_BURN)  // 1 - (1 - a) / b; black where b is 0 (white stays white)
        c = mix(1.0 - min((1.0 - a) / max(b, 1e-6), vec3(1.0)), vec3(0.0), step(b, vec3(0.0)) * step(a, vec3(1.0 - 1e-6)));
    else if (mode == LOOM_BLEND_SUBTRACT)
        c = max(a - b, vec3(0.0));
    else if (mode == LOOM_BLEND_DIVIDE)  // a / b; a division by 0 gives the largest half float
        c = min(a / max(b, vec3(1e-6)), vec3(65504.0));
    else
        c = b;
    return vec4(src.rgb * (1.0 - da) + dst.rgb * (1.0 - sa) + sa * da * c, sa + da * (1.0 - sa));
}

#endif
