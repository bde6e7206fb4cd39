#include "effects/src/effect_util.hpp"

#include "core/gpu/image_upload.hpp"

namespace loom::effects {

bool upload_pixels(graph::RecordContext& ctx, gpu::Image& image, const void* data, std::size_t bytes,
                   const char* staging_name) {
    auto r = gpu::upload_image(ctx.device(), ctx.cmd(), image, data, bytes, staging_name, ctx.op_name().c_str());
    if (!r) ctx.fail(r.message());
    return r.ok();
}

}  // namespace loom::effects
