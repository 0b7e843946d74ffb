import { wasmGemmBlock } from '../src/core/wasm/gemm-wasm.ts';
import { gemmNN, gemmTN } from '../src/core/kernels.ts';
const m=64,k=784,n=128;
const A=new Float64Array(m*k).map((_, i)=>Math.sin(i)); const B=new Float64Array(k*n).map((_, i)=>Math.cos(i)); const C=new Float64Array(m*n), C2=new Float64Array(m*n);
function t(name:string,f:()=>void){ for(let i=0;i<30;i++)f(); const s=performance.now(); for(let i=0;i<200;i++)f(); const ms=(performance.now()-s)/200; console.log(name, ms.toFixed(3),'ms', (2*m*n*k/ms/1e6).toFixed(2),'GFLOP/s'); }
t('js nn',()=>gemmNN(m,n,k,A,B,C));
t('wasm nn',()=>wasmGemmBlock(false,m,n,k,A,B,C2,false));
let d=0; for(let i=0;i<C.length;i++) d=Math.max(d,Math.abs(C[i]-C2[i])); console.log('maxdiff',d);
const At=new Float64Array(k*m).map((_, i)=>Math.sin(i)); const B2=new Float64Array(m*n).map((_, i)=>Math.cos(i)); const C3=new Float64Array(k*n), C4=new Float64Array(k*n);
t('js tn',()=>gemmTN(k,n,m,At,B2,C3));
t('wasm tn',()=>wasmGemmBlock(true,k,n,m,At,B2,C4,false));
d=0; for(let i=0;i<C3.length;i++) d=Math.max(d,Math.abs(C3[i]-C4[i])); console.log('maxdiff',d);
